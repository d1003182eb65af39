/// A SHA-256 content hash as four integers, the first 64 bits first: what an import compares and sorts in
/// memory instead of 64-character strings. Equal digests are equal contents; equal first words alone are not.
struct ContentDigest: Comparable, Hashable, Sendable {
    let words: (UInt64, UInt64, UInt64, UInt64)

    init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// The four words as SQLite stores them (signed 64-bit integers, migration 0025), first word first.
    var storedWords: [Int64] {
        [Int64(bitPattern: words.0), Int64(bitPattern: words.1), Int64(bitPattern: words.2), Int64(bitPattern: words.3)]
    }

    /// 64 hexadecimal digits, either case; nil for anything else.
    init?(hex: String) {
        var hex = hex
        guard let digest = hex.withUTF8({ ContentDigest(hexDigits: $0) }) else { return nil }
        self = digest
    }

    /// The digest of 64 hexadecimal digits' bytes (as stored, read without making a string); nil for anything else.
    init?(hexDigits digits: UnsafeBufferPointer<UInt8>) {
        guard digits.count == 64 else { return nil }
        func word(_ index: Int) -> UInt64? {
            var value: UInt64 = 0
            for digit in digits[index * 16..<index * 16 + 16] {
                guard let nibble = Self.value(ofHexDigit: digit) else { return nil }
                value = value << 4 | nibble
            }
            return value
        }
        guard let first = word(0), let second = word(1), let third = word(2), let fourth = word(3) else { return nil }
        words = (first, second, third, fourth)
    }

    private static func value(ofHexDigit digit: UInt8) -> UInt64? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(digit - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(digit - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(digit - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// The digest of 32 bytes as SHA-256 gives them, the first 8 bytes (big-endian) the first word.
    init(bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count == 32, "a SHA-256 digest is 32 bytes")
        func word(_ index: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        words = (word(0), word(1), word(2), word(3))
    }

    /// 64 lowercase hexadecimal digits, as stored.
    var hex: String {
        String(unsafeUninitializedCapacity: 64) { text in
            func put(_ word: UInt64, at start: Int) {
                for nibble in 0..<16 { text[start + nibble] = Self.hexDigits[Int(word >> (60 - 4 * UInt64(nibble)) & 0x0F)] }
            }
            put(words.0, at: 0)
            put(words.1, at: 16)
            put(words.2, at: 32)
            put(words.3, at: 48)
            return 64
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    // Word by word, not as tuples: the generic tuple comparison showed in a churn import's profile (the stored
    // versions are binary-searched by digest), though the search's cost is mostly cache misses.
    static func == (a: ContentDigest, b: ContentDigest) -> Bool {
        a.words.0 == b.words.0 && a.words.1 == b.words.1 && a.words.2 == b.words.2 && a.words.3 == b.words.3
    }

    static func < (a: ContentDigest, b: ContentDigest) -> Bool {
        if a.words.0 != b.words.0 { return a.words.0 < b.words.0 }
        if a.words.1 != b.words.1 { return a.words.1 < b.words.1 }
        if a.words.2 != b.words.2 { return a.words.2 < b.words.2 }
        return a.words.3 < b.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
