/// A request id for deduplication: 16 bytes when it is a GUID (as Graph's are), else its lower-cased text.
enum RequestKey: Hashable, Sendable {
    case guid(GUIDBits)
    case text(String)

    /// A GUID's 128 bits.
    struct GUIDBits: Hashable, Sendable {
        var high: UInt64
        var low: UInt64

        /// From `8-4-4-4-12` hex, digits in either case; nil when the text is not a GUID.
        init?(_ bytes: String.UTF8View) {
            guard bytes.count == 36 else { return nil }
            (high, low) = (0, 0)
            var digits = 0
            for (offset, byte) in bytes.enumerated() {
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard byte == UInt8(ascii: "-") else { return nil }
                    continue
                }
                guard let value = Self.hexValue(byte) else { return nil }
                if digits < 16 { high = high << 4 | value } else { low = low << 4 | value }
                digits += 1
            }
        }

        private static func hexValue(_ byte: UInt8) -> UInt64? {
            switch byte {
            case 0x30...0x39: UInt64(byte - 0x30)
            case 0x61...0x66: UInt64(byte - 0x61 + 10)
            case 0x41...0x46: UInt64(byte - 0x41 + 10)
            default: nil
            }
        }
    }

    init(_ id: String) {
        self = GUIDBits(id.utf8).map { .guid($0) } ?? .text(id.lowercased())
    }
}

/// The request ids seen so far. GUIDs are kept apart, 16 bytes each: a million ids held as text took about
/// 100 MB, in one set of the enum about 50 MB, as bare GUIDs about 33 MB.
struct SeenRequests {
    private var guids = Set<RequestKey.GUIDBits>()
    private var texts = Set<String>()

    /// True the first time a request id is seen.
    mutating func insert(_ key: RequestKey) -> Bool {
        switch key {
        case .guid(let bits): guids.insert(bits).inserted
        case .text(let text): texts.insert(text).inserted
        }
    }
}
