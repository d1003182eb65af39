/// One segment of an API path: a name with optional parenthesized arguments (`range(address={value})`,
/// `servicePrincipals(appId={value})`), or a key placeholder (`{id}`, `{user-id}`).
struct PathSegment: Equatable {
    var text: String
    var name: String
    /// The text inside the parentheses, when there are any.
    var arguments: String?

    var isKey: Bool { name.hasPrefix("{") && name.hasSuffix("}") }

    /// A literal id rather than a name: a GUID or a long hexadecimal string with a digit in it.
    var looksLikeKeyValue: Bool {
        text.count >= 16 && text.allSatisfy { $0.isHexDigit || $0 == "-" } && text.contains { $0.isNumber }
    }

    init(_ text: String) {
        self.text = text
        if text.hasSuffix(")"), let open = text.firstIndex(of: "(") {
            name = String(text[..<open])
            arguments = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
        } else {
            name = text
            arguments = nil
        }
    }

    /// Splits a path on `/`. OneDrive's path-based addressing (`root:/{item-path}:/workbook`) names an item
    /// of the same type as the segment before the colon, so the part between the colons is dropped.
    static func split(_ path: String, notes: inout [String]) throws(ResolutionError) -> [PathSegment] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var segments: [PathSegment] = []
        while !parts.isEmpty {
            var part = parts.removeFirst()
            if part.hasSuffix(":"), part.count > 1 {
                part.removeLast()
                guard let close = parts.firstIndex(where: { $0.hasSuffix(":") }) else {
                    // `root:/{item-path}` at the very end names one item; anything longer is ambiguous.
                    guard parts.count <= 1 else {
                        throw ResolutionError(segment: part + ":", problem: "a path-based address (\(part):/...) with no closing ':'")
                    }
                    notes.append("\(part):/... addresses an item by its path")
                    segments.append(PathSegment(part))
                    return segments
                }
                parts.removeSubrange(...close)
                notes.append("\(part):/...: addresses an item by its path")
            }
            segments.append(PathSegment(part))
        }
        return segments
    }
}

/// A path segment that cannot be read, and why.
struct ResolutionError: Error {
    var segment: String
    var problem: String
}
