/// Where a bracketed JSON value or a string ends, scanned over as much of it as a buffer holds at a time: what
/// JSONElementReader finds each element's bounds with.
struct BracketScan {
    var index: Int
    var depth = 0
    var inString = false
    var escaped = false

    /// The offset just past the value, or nil when it goes on past the bytes read so far.
    mutating func end(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        while index < bytes.count {
            if inString && !escaped {
                skipPlainText(in: bytes)
                guard index < bytes.count else { return nil }
            }
            let byte = bytes[index]
            index += 1
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// Inside a string, skips sixteen bytes at a time while none is a quote or a backslash (most of an
    /// export's bytes are ids and scope names inside strings; a byte at a time took a tenth of an import,
    /// eight at a time 0.45 s of a two-million-grant export's 787 MB, sixteen 0.27 s), then eight.
    private mutating func skipPlainText(in bytes: UnsafeBufferPointer<UInt8>) {
        let raw = UnsafeRawBufferPointer(bytes)
        let (quote, backslash) = (SIMD16<UInt8>(repeating: 0x22), SIMD16<UInt8>(repeating: 0x5C))
        while index + 16 <= bytes.count {
            let lanes = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
            let found = (lanes .== quote) .| (lanes .== backslash)
            guard !any(found) else {
                var lane = 0
                while !found[lane] { lane += 1 }
                return index += lane
            }
            index += 16
        }
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            guard !Self.hasByte(0x22, in: word) && !Self.hasByte(0x5C, in: word) else { return }
            index += 8
        }
    }

    /// Whether any of the word's eight bytes is `byte` (the classic test for a zero byte, on word ^ byte).
    private static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
