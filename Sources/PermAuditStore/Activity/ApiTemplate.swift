/// A catalog path as permaudit compares it with a request's path: lower case (Kibali writes
/// `contentsharingsessions` for `contentSharingSessions`), every parameter `{id}`, a key's or a function's
/// arguments dropped (`range(address={value})` is `range()`), a segment that is only a key (`/(appId={x})`)
/// and the `microsoft.graph.` namespace dropped, an OData query cut off. Requests are reduced the same way
/// (RequestPath), so that both meet in one tree.
public enum ApiTemplate {
    /// `/users/{id}/messages`
    public static func key(_ path: String) -> String {
        "/" + segments(path).joined(separator: "/")
    }

    public static func segments(_ path: String) -> [String] {
        let beforeQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return beforeQuery.split(separator: "/").compactMap { segment($0) }
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        byte < 0x80 && !(0x41...0x5A).contains(byte) && byte != UInt8(ascii: "(") && byte != UInt8(ascii: "{")
    }

    /// One segment reduced, nil when nothing is left of it.
    public static func segment(_ raw: Substring) -> String? {
        // Most segments are already plain lower-case ASCII: kept as they are, without a lower-cased copy.
        if !raw.isEmpty, raw.utf8.allSatisfy(isPlain), !raw.utf8.starts(with: "microsoft.graph.".utf8) { return String(raw) }
        // Kibali writes camelCase (`mailFolders`): ASCII is lower-cased byte by byte, without Unicode's tables.
        var text = raw.utf8.allSatisfy { $0 < 0x80 }
            ? String(decoding: raw.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self) : raw.lowercased()
        if text.hasPrefix("microsoft.graph.") { text.removeFirst("microsoft.graph.".count) }
        if text.hasPrefix("{") {
            // `{item-path}:` (drive path addressing) keeps its colon.
            return text.hasSuffix(":") ? "{id}:" : "{id}"
        }
        if let open = text.firstIndex(of: "(") {
            let name = text[..<open]
            return name.isEmpty ? nil : name + "()"
        }
        return text.isEmpty ? nil : text
    }
}
