import Foundation
import PermAuditReport

/// Data goes to stdout; notes, progress and errors to stderr. Everything written passes SafeText: data has
/// been made safe by its renderer, and notes and errors, which quote names and paths from imported files,
/// are made safe here: each note is one line, whatever the text it quotes holds.
enum Console {
    static func data(_ text: String) {
        write(SafeText.ciSafe(text), to: STDOUT_FILENO)
    }

    /// One line: a line break inside a quoted file name or value shows as `\n` and cannot forge another.
    static func note(_ text: String, quiet: Bool = false) {
        guard !quiet else { return }
        write(SafeText.line(text) + "\n", to: STDERR_FILENO)
    }

    /// Text of several lines of our own that quotes nothing imported (the help), each line made safe.
    static func lines(_ text: String) {
        write(safeLines(text) + "\n", to: STDERR_FILENO)
    }

    /// `permaudit: message`: a line break inside a quoted name shows as `\n` and cannot forge a line; a message
    /// of several lines of our own (a gate's failures) keeps them.
    static func error(_ message: String, multiline: Bool = false) {
        let text = multiline ? safeLines(message) : SafeText.line(message)
        write("permaudit: " + text + "\n", to: STDERR_FILENO)
    }

    /// Progress drawing on stderr, our own escape sequences included.
    static func draw(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    private static func safeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.line(String($0)) }.joined(separator: "\n")
    }

    /// Writes everything, retrying short writes. A reader that went away (`permaudit show X | head -1`, with
    /// SIGPIPE ignored as many harnesses do) ends the command quietly instead of crashing it.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var at = 0
            while at < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + at, bytes.count - at)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno == EPIPE { exit(0) }
                    return
                }
                at += written
            }
        }
    }
}
