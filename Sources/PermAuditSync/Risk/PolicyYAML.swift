import Foundation

/// The YAML a policy file needs, turned into JSON for `PolicyDocument`: block mappings and lists by
/// indentation (spaces), `- key: value` items, plain, 'single' and "double" quoted scalars, `[a, b]` lists
/// of scalars, and `#` comments. Anchors, tags, multi-line and flow-mapping values are refused with their
/// line and column: a policy that parses differently from what its author meant would gate wrongly.
/// (A subset written here rather than a YAML library: one small format does not justify a dependency.)
struct PolicyYAML {
    struct Line {
        var number: Int
        var indent: Int
        var text: String
    }

    let file: String
    private var lines: [Line] = []
    private var index = 0
    /// Blocks open around the current line: bounded, so a deep file is refused before the recursion runs deep.
    private var depth = 0

    /// A policy nests three levels (the document, a list, a rule); the bound leaves room and stops the absurd.
    static let maximumDepth = 64

    /// A file is taken for a YAML policy when its first content line starts one of the policy's top-level keys.
    static func looksLikePolicy(_ text: String) -> Bool {
        let first = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty && !$0.hasPrefix("#") && $0 != "---" }
        return first.map { $0.hasPrefix("rules:") || $0.hasPrefix("exceptions:") } ?? false
    }

    /// A file named .yaml or .yml: always read as a policy.
    static func isYAMLFile(_ path: String) -> Bool {
        [".yaml", ".yml"].contains(where: path.lowercased().hasSuffix)
    }

    /// The document as JSON bytes.
    static func json(_ text: String, file: String) throws -> Data {
        var parser = PolicyYAML(file: file)
        try parser.readLines(text)
        guard let first = parser.lines.first else { return Data("{}".utf8) }
        let node = try parser.block(indent: first.indent)
        if parser.index < parser.lines.count {
            throw parser.error(parser.lines[parser.index], "unexpected indentation; expected a key at column \(first.indent + 1)")
        }
        return Data(node.utf8)
    }

    private mutating func readLines(_ text: String) throws {
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            if line.dropFirst(indent).first == "\t" {
                throw ImportError(file: file, location: "line \(offset + 1), column \(indent + 1)", problem: "a tab in the indentation; indent with spaces")
            }
            let text = Self.withoutComment(String(line.dropFirst(indent)))
            // A directive (`%YAML 1.2`) and the `---` that ends the directives come before any content.
            if text.isEmpty || (lines.isEmpty && (text == "---" || (indent == 0 && text.hasPrefix("%")))) { continue }
            lines.append(Line(number: offset + 1, indent: indent, text: text))
        }
    }

    /// A mapping or a list starting at the current line, whose lines are indented by `indent`.
    private mutating func block(indent: Int) throws -> String {
        guard depth < Self.maximumDepth else { throw error(lines[index], Self.tooDeep) }
        depth += 1
        defer { depth -= 1 }
        return isItem(lines[index]) ? try list(indent: indent) : try mapping(indent: indent)
    }

    private static let tooDeep = "YAML nested more than \(maximumDepth) levels deep; a policy needs three"

    private mutating func list(indent: Int) throws -> String {
        var items: [String] = []
        while index < lines.count, lines[index].indent == indent, isItem(lines[index]) {
            let line = lines[index]
            let content = String(line.text.dropFirst(1))
            let offset = content.prefix { $0 == " " }.count
            let rest = String(content.dropFirst(offset))
            if rest.isEmpty {
                index += 1
                items.append(try nested(deeperThan: indent, line))
            } else if Self.keyValue(rest) != nil {
                // `- key: value`: a mapping whose first key sits after the dash.
                lines[index] = Line(number: line.number, indent: indent + 1 + offset, text: rest)
                items.append(try mapping(indent: indent + 1 + offset))
            } else {
                index += 1
                items.append(try scalar(rest, line, column: indent + 2 + offset))
            }
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    private mutating func mapping(indent: Int) throws -> String {
        var members: [String] = []
        var keys: Set<String> = []
        while index < lines.count, lines[index].indent == indent, !isItem(lines[index]) {
            let line = lines[index]
            guard let (key, value) = Self.keyValue(line.text) else {
                throw error(line, "expected `key: value`")
            }
            guard keys.insert(key).inserted else { throw error(line, "the key \"\(key)\" appears twice in this mapping") }
            index += 1
            let member: String
            if !value.isEmpty {
                member = try scalar(value, line, column: indent + line.text.count - value.count + 1)
            } else if index < lines.count, lines[index].indent == indent, isItem(lines[index]) {
                member = try list(indent: indent)   // a list may sit at its key's indentation
            } else {
                member = try nested(deeperThan: indent, line)
            }
            members.append(Self.quoted(key) + ":" + member)
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// The block under a key or dash with nothing after it: more indented, or null when there is none.
    private mutating func nested(deeperThan indent: Int, _ line: Line) throws -> String {
        guard index < lines.count, lines[index].indent > indent else { return "null" }
        return try block(indent: lines[index].indent)
    }

    private func isItem(_ line: Line) -> Bool { line.text == "-" || line.text.hasPrefix("- ") }

    private func scalar(_ text: String, _ line: Line, column: Int) throws -> String {
        if let first = text.first, "&*!|>{".contains(first) {
            throw ImportError(file: file, location: "line \(line.number), column \(column)",
                              problem: "anchors, aliases, tags, multi-line and {flow} values are not supported in a policy file; write the value on one line, quoted if needed")
        }
        if text.hasPrefix("[") {
            if let offset = Self.tooDeepFlowOffset(text) {
                throw ImportError(file: file, location: "line \(line.number), column \(column + offset)", problem: Self.tooDeep)
            }
            guard text.hasSuffix("]") else { throw error(line, "a [list] must end on the same line") }
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            let items = inner.isEmpty ? [] : try inner.split(separator: ",").map { try scalar($0.trimmingCharacters(in: .whitespaces), line, column: column) }
            return "[" + items.joined(separator: ",") + "]"
        }
        if text.hasPrefix("\"") || text.hasPrefix("'") { return Self.quoted(try unquote(text, line)) }
        switch text {
        case "true", "false": return text
        case "null", "~": return "null"
        default:
            guard text.range(of: #"^-?[0-9]+$"#, options: .regularExpression) != nil else { return Self.quoted(text) }
            // Only what JSON and Int read alike: no leading zero, no more than Int holds.
            guard text.range(of: #"^-?(0|[1-9][0-9]*)$"#, options: .regularExpression) != nil, Int(text) != nil else {
                throw ImportError(file: file, location: "line \(line.number), column \(column)",
                                  problem: "\(text) is not a number permaudit reads (no leading zero, at most 19 digits); quote it if you mean text")
            }
            return text
        }
    }

    private func unquote(_ text: String, _ line: Line) throws -> String {
        let quote = text.first!
        guard text.count >= 2, text.last == quote else { throw error(line, "a quoted value must end on the same line with \(quote)") }
        let body = String(text.dropFirst().dropLast())
        if quote == "'" { return body.replacingOccurrences(of: "''", with: "'") }
        guard let decoded = try? JSONDecoder().decode(String.self, from: Data(text.utf8)) else {
            throw error(line, "not a valid \"double-quoted\" value (escape \" and \\ with \\)")
        }
        return decoded
    }

    /// Where (in characters) a `[` opens a list deeper than the bound, found in one pass before the lists are
    /// read (recursively, one substring per level: 100,000 levels took a minute and 718 MB).
    static func tooDeepFlowOffset(_ text: String) -> Int? {
        var depth = 0
        var quote: Character?
        for (offset, character) in text.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "[" {
                depth += 1
                if depth > maximumDepth { return offset }
            } else if character == "]" {
                depth -= 1
            }
        }
        return nil
    }

    /// `key: value` or `key:`; the key is plain or quoted, the value the rest of the line.
    static func keyValue(_ text: String) -> (String, String)? {
        if text.hasPrefix("\"") || text.hasPrefix("'") { return nil }
        if text.hasSuffix(":") && !text.dropLast().contains(": ") { return (String(text.dropLast()), "") }
        guard let range = text.range(of: ": ") else { return nil }
        let key = String(text[..<range.lowerBound])
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        return (key, text[range.upperBound...].trimmingCharacters(in: .whitespaces))
    }

    /// The line without its comment: `#` at the start or after a space, outside quotes.
    static func withoutComment(_ text: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var result = ""
        for character in text {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                if previous == " " || previous == "[" || previous == "," || result.isEmpty { quote = character }
            } else if character == "#" && previous == " " {
                break
            }
            result.append(character)
            previous = character
        }
        return result.trimmingTrailingSpaces()
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    private func error(_ line: Line, _ problem: String) -> ImportError {
        ImportError(file: file, location: "line \(line.number), column \(line.indent + 1)", problem: problem)
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
