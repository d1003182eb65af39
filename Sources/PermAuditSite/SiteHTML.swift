import Mustache

/// Mustache's escaping for HTML, byte by byte: the same five characters (`< > & " '`) as its own HTML content
/// type, which looks each Character up in a dictionary (a tenth of the site's time) and would leave a `<` that
/// a combining mark joins into one Character unescaped. Every template names it in its first tag
/// (`{{%CONTENT_TYPE:SiteHTML}}`); a template without it still gets Mustache's own HTML escaping.
struct SiteHTML: MustacheContentType {
    static let name = "SiteHTML"

    func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: Self.isSpecial) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
            case UInt8(ascii: ">"): escaped += Array("&gt;".utf8)
            case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
            case UInt8(ascii: "\""): escaped += Array("&quot;".utf8)
            case UInt8(ascii: "'"): escaped += Array("&#39;".utf8)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }
}
