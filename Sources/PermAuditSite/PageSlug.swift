/// File names for permission pages. A name keeps its letters, digits, `.` and `-`; every other byte is written
/// as `_XX` (hex), so no name can climb out of the folder or carry markup into a link. Names that differ only
/// by case (Kibali has `Calls.JoinGroupCallasGuest.All` and `...AsGuest.All`) get `__2`, `__3` in name order,
/// so they stay apart on case-insensitive file systems; a very long name is cut and given a hash.
enum PageSlug {
    static func slugs(for names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        var taken: [String: Int] = [:]
        for name in names.sorted() {
            let base = encode(name)
            let seen = taken[base.lowercased(), default: 0] + 1
            taken[base.lowercased()] = seen
            result[name] = seen == 1 ? base : base + "__\(seen)"
        }
        return result
    }

    static func encode(_ name: String) -> String {
        var slug = ""
        for (index, byte) in name.utf8.enumerated() {
            let keep = byte.isASCIILetterOrDigit || byte == UInt8(ascii: "-") || (byte == UInt8(ascii: ".") && index > 0)
            slug += keep ? String(UnicodeScalar(byte)) : "_" + hex(byte)
        }
        if slug.isEmpty { return "_" }
        guard slug.utf8.count > 150 else { return slug }
        return String(slug.prefix(120)) + "__" + String(fnv1a(name), radix: 16)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    /// A stable hash (the same in every run, unlike Hasher).
    private static func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

private extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
