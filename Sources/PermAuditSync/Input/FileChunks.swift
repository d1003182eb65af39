import Foundation

/// A file read with read(2) straight into the caller's memory. Foundation's `FileHandle.read(upToCount:)`
/// makes a new Data for every chunk; at a gigabyte of activity logs that was a page fault for every 4 KB
/// read and a fifth of the import's time in the kernel.
final class FileChunks {
    let path: String
    private let descriptor: Int32
    /// One chunk's worth of memory, read into again and again.
    private var scratch: [UInt8] = []

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportError(file: path, problem: "cannot be read (check its permissions)") }
    }

    deinit { close(descriptor) }

    /// Appends up to `count` bytes to `buffer`; the number appended, 0 at the end of the file.
    func append(upTo count: Int, to buffer: inout [UInt8]) throws -> Int {
        if scratch.count < count { scratch = Self.uninitialized(count) }
        let read = scratch.withUnsafeMutableBytes { readFully(into: $0.baseAddress!, count) }
        guard read >= 0 else { throw ImportError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))") }
        buffer.append(contentsOf: scratch[..<read])
        return read
    }

    /// Calls `body` with each chunk of the file, read into one buffer used again and again.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        if scratch.count < 1 << 20 { scratch = Self.uninitialized(1 << 20) }
        while true {
            let read = scratch.withUnsafeMutableBytes { readFully(into: $0.baseAddress!, $0.count) }
            guard read >= 0 else { throw ImportError(file: path, problem: "cannot be read: \(String(cString: strerror(errno)))") }
            guard read > 0 else { return }
            try scratch.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<read])) }
        }
    }

    /// Bytes that read(2) overwrites before they are used: not zero-filled first (filling a megabyte element
    /// by element made every file cost a second in a debug build).
    private static func uninitialized(_ count: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// read(2) until `count` bytes or the end of the file, retrying interrupted reads; -1 on an error.
    private func readFully(into base: UnsafeMutableRawPointer, _ count: Int) -> Int {
        var total = 0
        while total < count {
            let read = Foundation.read(descriptor, base + total, count - total)
            if read < 0, errno == EINTR { continue }
            if read < 0 { return -1 }
            if read == 0 { break }
            total += read
        }
        return total
    }
}
