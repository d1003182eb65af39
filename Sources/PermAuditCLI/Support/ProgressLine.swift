import Foundation
import PermAuditSync

/// An import's or a sync's progress on one line of stderr, redrawn at most four times a second, when stderr is a
/// terminal and --quiet is not given; otherwise nothing is shown. The line is erased before the summary.
final class ProgressLine: @unchecked Sendable {
    private let started = Date()
    private let lock = NSLock()
    private var drawnAt: Date?

    /// A progress line when one should be shown, else nil.
    static func make(quiet: Bool) -> ProgressLine? {
        !quiet && isatty(STDERR_FILENO) == 1 ? ProgressLine() : nil
    }

    func show(_ progress: ImportProgress) {
        show { progress.line(elapsed: $0) }
    }

    /// A line of our own making; text quoted from elsewhere is made safe by the caller.
    func show(line: (TimeInterval) -> String) {
        lock.withLock {
            let now = Date()
            if let drawnAt, now.timeIntervalSince(drawnAt) < 0.25 { return }
            drawnAt = now
            Console.draw("\r\u{1B}[K" + line(now.timeIntervalSince(started)))
        }
    }

    func erase() {
        lock.withLock {
            if drawnAt != nil { Console.draw("\r\u{1B}[K") }
            drawnAt = nil
        }
    }
}
