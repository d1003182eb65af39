import Foundation
import Logging
import PermAuditReport

/// Prints log messages on stderr as plain lines: for people watching an import, not for log collectors.
struct StderrLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // On a terminal an import's progress line may be drawn (ProgressLine): erase it first; the next
        // progress redraws it below.
        let erase = isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[K" : ""
        let prefix = event.level >= .warning ? "\(event.level): " : ""
        // A message quotes file names and names from the files: one safe line each.
        Console.draw(erase + prefix + SafeText.line("\(event.message)") + "\n")
    }
}

extension GlobalOptions {
    /// The logger libraries report progress to: info unless --quiet.
    var logger: Logger {
        var logger = Logger(label: "permaudit") { _ in StderrLogHandler() }
        logger.logLevel = quiet ? .warning : .info
        return logger
    }
}
