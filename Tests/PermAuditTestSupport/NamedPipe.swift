import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A named pipe for a test that must fail rather than hang if the code under test opens it: until `remove()`,
/// a thread keeps opening the pipe's write end and closing it again, so any reader gets end-of-file at once.
public final class NamedPipe: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    public init(path: String) throws {
        guard mkfifo(path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        self.path = path
        Thread.detachNewThread { [self] in
            while !isStopped {
                let descriptor = open(path, O_WRONLY)  // blocks until a reader opens the pipe
                if descriptor >= 0 { close(descriptor) }
            }
            finished.signal()
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops the writer (releasing it from a blocked open with a reader that does not block) and removes the pipe.
    public func remove() {
        lock.withLock { stopped = true }
        repeat {
            let descriptor = open(path, O_RDONLY | O_NONBLOCK)
            if descriptor >= 0 { close(descriptor) }
        } while finished.wait(timeout: .now() + .milliseconds(10)) == .timedOut
        unlink(path)
    }
}
