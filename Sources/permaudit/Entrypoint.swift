import PermAuditCLI

CommandLineTool.main()
