import CZlib

/// zlib's deflate and inflate in one call each, in the zlib format: the site's exports (which browsers'
/// `DecompressionStream("deflate")` read) and the default catalog's database image.
public enum Zlib {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Level 1, zlib's fastest, by default: on the site's exports it gives 7.5 times less, level 6 a fifth
    /// less again in twice the time.
    public static func deflate(_ bytes: [UInt8], level: Int32 = 1) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit_(&stream, level, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "internal: zlib's deflate did not start")
        }
        defer { deflateEnd(&stream) }
        let (status, output) = finish(&stream, bytes, into: Int(deflateBound(&stream, UInt(bytes.count)))) { CZlib.deflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END else { throw Failure(description: "internal: zlib's deflate failed (\(status))") }
        return output
    }

    /// The bytes `deflate` was given, which must be exactly `size` long: a stream that ends early, runs
    /// longer, is damaged or is followed by more bytes is refused.
    public static func inflate(_ bytes: [UInt8], size: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "internal: zlib's inflate did not start")
        }
        defer { inflateEnd(&stream) }
        // Room for one byte more than expected, so that a longer stream shows as not ended.
        let (status, output) = finish(&stream, bytes, into: size + 1) { CZlib.inflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END, output.count == size, stream.avail_in == 0 else {
            throw Failure(description: "internal: zlib's inflate gave \(output.count) bytes, not \(size) (status \(status))")
        }
        return output
    }

    /// Runs `step` once over all of `input` with `capacity` bytes to write into: its status and what it wrote.
    private static func finish(_ stream: inout z_stream, _ input: [UInt8], into capacity: Int,
                               _ step: (inout z_stream) -> Int32) -> (Int32, [UInt8]) {
        var input = input
        var output = [UInt8](repeating: 0, count: capacity)
        let status = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                return step(&stream)
            }
        }
        return (status, Array(output.prefix(Int(stream.total_out))))
    }
}
