/// JSON text written by hand where key order matters (query columns keep the SELECT's order).
enum JSONText {
    static func string(_ value: String) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    /// Appends `value` as a JSON string literal. Besides what JSON must escape, control characters (DEL, C1,
    /// U+2028/9), bidirectional controls and invisible characters are escaped too: JSON reads them back the
    /// same, and JSON printed on a terminal cannot drive it or reorder what it shows.
    static func append(_ value: String, to out: inout String) {
        // Most text needs no escape: one scan of its bytes instead of a copy scalar by scalar.
        if isPlain(value) {
            out += "\""
            out += value
            out += "\""
            return
        }
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where SafeText.isControl(c) || c.value >= 0x80 && SafeText.isInvisible(c): out += escaped(c)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// `append` into UTF-8 bytes.
    static func append(_ value: String, to out: inout [UInt8]) {
        guard isPlain(value) else { return out.append(contentsOf: string(value).utf8) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: value.utf8)
        out.append(UInt8(ascii: "\""))
    }

    /// Printable ASCII without a quote or a backslash: written as it is.
    private static func isPlain(_ value: String) -> Bool {
        !value.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
    }

    /// `\u001b`; beyond the BMP, a UTF-16 surrogate pair as JSON requires.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }
}
