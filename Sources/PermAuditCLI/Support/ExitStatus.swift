import ArgumentParser
import Foundation
import PermAuditReport
import PermAuditStore
import PermAuditSync

/// Runs the command line and maps every outcome to permaudit's exit codes:
/// 0 success, 1 a --fail-on rule matched or a check failed, 2 usage, input or environment error, 3 internal error.
public enum CommandLineTool {
    public static func main() -> Never {
        do {
            var command = try PermAudit.parseAsRoot()
            try command.run()
            exit(0)
        } catch {
            exit(report(error))
        }
    }

    static func report(_ error: any Error) -> Int32 {
        switch StoreError.translating(error) {
        case let error as ImportError: return fail(error.description, code: 2)
        case let error as StoreError: return fail(error.description, code: 2)
        case let error as UsageError: return fail(error.description, code: 2)
        case let error as HistoryError: return fail(error.description, code: 2)
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
            Console.note(PermAudit.fullMessage(for: error))
            return 2
        }
        return fail("internal error: \(error)", code: 3)
    }

    private static func fail(_ message: String, code: Int32, multiline: Bool = false) -> Int32 {
        Console.error(message, multiline: multiline)
        return code
    }
}
