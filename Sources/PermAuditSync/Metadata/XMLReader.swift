import Foundation

/// A strict pull reader for the XML that CSDL `$metadata` documents use: elements, attributes, text,
/// comments, CDATA, processing instructions, and the five predefined and numeric character references.
///
/// XML is untrusted input, so the reader accepts less than XML allows: a document type declaration
/// (`<!DOCTYPE`) is refused outright, which rules out external entities and entity expansion ("billion
/// laughs"); nesting is bounded; input must be UTF-8. Every error names the line and column.
struct XMLReader {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    static let defaultMaxDepth = 100

    private let file: String
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var offset = 0
    /// Where the last event began, for errors found by the caller.
    private var eventStart = 0
    private var openElements: [String] = []
    private var sawRoot = false
    /// The end event of a self-closing element, delivered on the next call.
    private var pendingEnd: String?

    init(file: String, data: Data, maxDepth: Int = defaultMaxDepth) throws {
        self.file = file
        self.maxDepth = maxDepth
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        if let bad = Self.firstInvalidUTF8(bytes) {
            throw error(at: bad, "invalid UTF-8 (XML metadata must be UTF-8)")
        }
    }

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while offset < bytes.count {
            eventStart = offset
            if bytes[offset] != UInt8(ascii: "<") {
                if let text = try readText() { return .text(text) }
                continue
            }
            if let event = try readMarkup() { return event }
        }
        if let open = openElements.last { throw error(at: offset, "the file ends inside <\(open)>: truncated?") }
        if !sawRoot { throw error(at: offset, "no XML element: expected a CSDL <edmx:Edmx> document") }
        return nil
    }

    // MARK: - Markup

    private mutating func readMarkup() throws -> Event? {
        if matches("<?") { try skip(past: "?>", what: "processing instruction"); return nil }
        if matches("<!--") { try skip(past: "-->", what: "comment"); return nil }
        if matches("<![CDATA[") {
            guard !openElements.isEmpty else { throw error(at: offset, "CDATA outside the root element") }
            let start = offset + 9
            try skip(past: "]]>", what: "CDATA section")
            return .text(String(decoding: bytes[start..<(offset - 3)], as: UTF8.self))
        }
        if matches("<!DOCTYPE") || matches("<!ENTITY") {
            throw error(at: offset, "a document type declaration is not accepted (it can declare entities); CSDL needs none")
        }
        if matches("</") { return try readEndTag() }
        return try readStartTag()
    }

    private mutating func readStartTag() throws -> Event {
        let tagStart = offset
        offset += 1
        let name = try readName(what: "an element name after <")
        if openElements.isEmpty && sawRoot { throw error(at: tagStart, "a second root element <\(name)>") }
        var attributes: [String: String] = [:]
        while true {
            let hadSpace = skipSpace()
            guard offset < bytes.count else { throw error(at: tagStart, "the file ends inside the tag <\(name)>") }
            if matches("/>") {
                offset += 2
                try open(name, at: tagStart)
                openElements.removeLast()
                pendingEnd = name
                return .start(name: name, attributes: attributes)
            }
            if bytes[offset] == UInt8(ascii: ">") {
                offset += 1
                try open(name, at: tagStart)
                return .start(name: name, attributes: attributes)
            }
            guard hadSpace else { throw error(at: offset, "expected a space, > or /> in <\(name)>") }
            let attributeStart = offset
            let attribute = try readName(what: "an attribute name, > or /> in <\(name)>")
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "=") else {
                throw error(at: offset, "expected = after the attribute \(attribute)")
            }
            offset += 1
            skipSpace()
            let value = try readQuotedValue(of: attribute)
            guard attributes.updateValue(value, forKey: attribute) == nil else {
                throw error(at: attributeStart, "the attribute \(attribute) appears twice in <\(name)>")
            }
        }
    }

    private mutating func open(_ name: String, at position: Int) throws {
        guard openElements.count < maxDepth else {
            throw error(at: position, "elements nested deeper than \(maxDepth) levels")
        }
        openElements.append(name)
        sawRoot = true
    }

    private mutating func readEndTag() throws -> Event {
        let tagStart = offset
        offset += 2
        let name = try readName(what: "an element name after </")
        skipSpace()
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ">") else { throw error(at: offset, "expected > to end </\(name)") }
        offset += 1
        guard let open = openElements.last else { throw error(at: tagStart, "</\(name)> closes no open element") }
        guard open == name else { throw error(at: tagStart, "</\(name)> where </\(open)> was expected") }
        openElements.removeLast()
        return .end(name: name)
    }

    // MARK: - Text and values

    /// Text up to the next `<`; whitespace between elements is not reported.
    private mutating func readText() throws -> String? {
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "<") { offset += 1 }
        let raw = bytes[start..<offset]
        if raw.allSatisfy(Self.isSpace) { return nil }
        guard !openElements.isEmpty else { throw error(at: start, "text outside the root element") }
        return try decodeReferences(raw, at: start)
    }

    private mutating func readQuotedValue(of attribute: String) throws -> String {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") || bytes[offset] == UInt8(ascii: "'") else {
            throw error(at: offset, "expected a quoted value for the attribute \(attribute)")
        }
        let quote = bytes[offset]
        let start = offset + 1
        guard let end = bytes[start...].firstIndex(of: quote) else {
            throw error(at: offset, "the value of \(attribute) is not closed")
        }
        if let lessThan = bytes[start..<end].firstIndex(of: UInt8(ascii: "<")) {
            throw error(at: lessThan, "< inside the value of \(attribute)")
        }
        offset = end + 1
        return try decodeReferences(bytes[start..<end], at: start)
    }

    /// Replaces `&amp;` and the other predefined references and `&#N;`/`&#xN;`; any other is refused,
    /// because without a DTD no other entity can exist.
    private func decodeReferences(_ raw: ArraySlice<UInt8>, at position: Int) throws -> String {
        guard raw.contains(UInt8(ascii: "&")) else { return String(decoding: raw, as: UTF8.self) }
        var result = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            guard raw[index] == UInt8(ascii: "&") else {
                let next = raw[index...].firstIndex(of: UInt8(ascii: "&")) ?? raw.endIndex
                result += String(decoding: raw[index..<next], as: UTF8.self)
                index = next
                continue
            }
            guard let semicolon = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw error(at: index, "& must start a reference such as &amp;")
            }
            let reference = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            guard let character = Self.character(for: reference) else {
                throw error(at: index, "unknown entity &\(reference); (only &amp; &lt; &gt; &quot; &apos; and &#N; are accepted)")
            }
            result.append(character)
            index = semicolon + 1
        }
        return result
    }

    private static func character(for reference: String) -> Character? {
        switch reference {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard reference.hasPrefix("#") else { return nil }
            let digits = reference.dropFirst()
            let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }

    private mutating func readName(what: String) throws -> String {
        let start = offset
        while offset < bytes.count, Self.isNameByte(bytes[offset]) { offset += 1 }
        guard offset > start, !Self.isDigit(bytes[start]) else { throw error(at: start, "expected \(what)") }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    // MARK: - Scanning

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[offset..<(offset + count)].elementsEqual($0) }
    }

    private mutating func skip(past terminator: StaticString, what: String) throws {
        let start = offset
        let count = terminator.utf8CodeUnitCount
        while offset + count <= bytes.count {
            if matches(terminator) {
                offset += count
                return
            }
            offset += 1
        }
        throw error(at: start, "the \(what) is not closed")
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = offset
        while offset < bytes.count, Self.isSpace(bytes[offset]) { offset += 1 }
        return offset > start
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// ASCII letters, digits, `_ : . -`, and any non-ASCII byte (names in other scripts).
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "-"): true
        default: byte >= 0x80
        }
    }

    private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var position = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): position += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return position
            }
        }
    }

    // MARK: - Errors

    /// An error about the last event (a missing attribute, an unexpected element), at its line and column.
    func error(_ problem: String) -> ImportError {
        error(at: eventStart, problem)
    }

    private func error(at position: Int, _ problem: String) -> ImportError {
        let upTo = bytes[..<min(position, bytes.count)]
        let line = upTo.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lineStart = upTo.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let column = String(decoding: bytes[lineStart..<min(position, bytes.count)], as: UTF8.self).count + 1
        return ImportError(file: file, location: "line \(line), column \(column)", problem: problem)
    }
}
