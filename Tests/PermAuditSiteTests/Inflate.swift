import CZlib
import Testing

/// zlib's inflate, for reading back what the site deflated (as the browser's DecompressionStream does).
enum Inflate {
    static func bytes(_ packed: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        try #require(inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&stream) }
        var input = packed
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var status = Z_OK
        try input.withUnsafeMutableBufferPointer { input in
            stream.next_in = input.baseAddress
            stream.avail_in = UInt32(input.count)
            while status == Z_OK {
                status = chunk.withUnsafeMutableBufferPointer { chunk in
                    stream.next_out = chunk.baseAddress
                    stream.avail_out = UInt32(chunk.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                try #require(status == Z_OK || status == Z_STREAM_END, "inflate: \(status)")
                result += chunk.prefix(chunk.count - Int(stream.avail_out))
            }
        }
        return result
    }
}
