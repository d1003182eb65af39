import ArgumentParser
import Foundation
import PermAuditGraph
import PermAuditReport
import PermAuditStore
import PermAuditSync

/// Runs the command line and maps every outcome to permaudit's exit codes:
/// 0 success, 1 a --fail-on rule matched or a check failed, 2 usage, input or environment error, 3 internal error,
/// 4 a sync incomplete or a remote failure (resumable).
public enum CommandLineTool {
    public static func main() -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var path: CommandPath?
        do {
            path = try CommandPath(arguments)
            var command = try PermAudit.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            exit(report(error, path: path))
        }
    }

    /// `path`: the commands named, for the line under a usage error that says where the options are.
    static func report(_ error: any Error, path: CommandPath?) -> Int32 {
        switch StoreError.translating(error) {
        case let error as ImportError: return fail(error.description, code: 2)
        case let error as StoreError: return fail(error.description, code: 2)
        case let error as UsageError: return fail(error.description, code: 2)
        case let error as HistoryError: return fail(error.description, code: 2)
        case let error as SyncError where error.isResumable:
            let advised = error.description.contains("--resume") || error.description.contains("permaudit sync catalog")
            return fail(error.description + (advised ? "" : "; run permaudit sync --resume"), code: 4)
        case let error as SyncError: return fail(error.description, code: 2)
        case let error as GateFailure: return fail(error.message, code: 1, multiline: true)
        case let error as CheckFailure: return fail(error.message, code: 1)
        case let error as ExitCode: return error.rawValue
        default: break
        }
        let code = PermAudit.exitCode(for: error)
        if code == .success {
            PermAudit.exit(withError: error) // prints help or the version on stdout
        }
        if code == .validationFailure {
            return usageFailure(error, path: path)
        }
        return fail("internal error: \(error)", code: 3)
    }

    /// A parser's usage error printed as every other error: `permaudit: message`, then where the help is.
    /// No arguments at all is a request for the overview: the full help, still exit 2.
    private static func usageFailure(_ error: any Error, path: CommandPath?) -> Int32 {
        let message = PermAudit.message(for: error)
        guard !message.isEmpty else {
            Console.lines(PermAudit.fullMessage(for: error))
            return 2
        }
        // The parser's messages start with a capital ("Unknown option"); ours do not.
        Console.error(message.prefix(1).lowercased() + message.dropFirst())
        if let path { Console.note(path.helpLine) }
        return 2
    }

    private static func fail(_ message: String, code: Int32, multiline: Bool = false) -> Int32 {
        Console.error(message, multiline: multiline)
        return code
    }
}
