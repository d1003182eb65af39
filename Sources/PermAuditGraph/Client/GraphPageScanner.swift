import Foundation

/// Reads what paging needs from a Graph page in one pass over its bytes, building no objects: the objects of
/// `value` and their ids, `@odata.nextLink`, `@odata.count`, whether it is an `error`. A million grants are
/// ~400 MB of pages; the importer decodes them once more at the end, so this pass must cost little. It checks
/// the JSON's structure (balanced, strings closed, one value), which is what a body cut short or an HTML page
/// from a proxy breaks; the importer checks the rest.
struct GraphPageScanner {
    struct Page {
        var hasValue = false
        var hasError = false
        var itemCount = 0
        var ids: [String] = []
        var nextLink: String?
        var count: Int?
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    /// Deeper than this is not a Graph page (and would recurse without end).
    private static let maxDepth = 256

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Nil when the body is not one well-formed JSON object.
    static func scan(_ body: Data) -> Page? {
        body.withUnsafeBytes { buffer in
            var scanner = GraphPageScanner(buffer)
            guard let page = scanner.topLevel(), scanner.atEnd() else { return nil }
            return page
        }
    }

    private mutating func topLevel() -> Page? {
        var page = Page()
        let read = members { scanner, key in
            switch key {
            case "value":
                page.hasValue = true
                return scanner.elements { scanner in
                    page.itemCount += 1
                    return scanner.element(&page.ids)
                }
            case "@odata.nextLink":
                guard let link = scanner.string() else { return false }
                page.nextLink = link
                return true
            case "@odata.count":
                let start = scanner.index
                guard scanner.skipValue(depth: 1) else { return false }
                page.count = Int(String(decoding: UnsafeRawBufferPointer(rebasing: scanner.bytes[start..<scanner.index]), as: UTF8.self))
                return true
            case "error":
                page.hasError = true
                return scanner.skipValue(depth: 1)
            default:
                return scanner.skipValue(depth: 1)
            }
        }
        return read ? page : nil
    }

    /// One object of `value`: its top-level `id` kept, the rest skipped.
    private mutating func element(_ ids: inout [String]) -> Bool {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { return skipValue(depth: 2) }
        return members { scanner, key in
            guard key == "id", scanner.peek() == UInt8(ascii: "\"") else { return scanner.skipValue(depth: 3) }
            guard let id = scanner.string() else { return false }
            ids.append(id)
            return true
        }
    }

    /// `{ "key": value, ... }`, each value read by `member` (which returns false on bad input).
    private mutating func members(_ member: (inout GraphPageScanner, String) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipSpace()
            guard let key = string() else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard member(&self, key) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// `[ value, ... ]`, each read by `element`.
    private mutating func elements(_ element: (inout GraphPageScanner) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "[")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            guard element(&self) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < Self.maxDepth else { return false }
        skipSpace()
        switch peek() {
        case UInt8(ascii: "{"): return members { scanner, _ in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["): return elements { scanner in scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): return skipString() != nil
        case nil: return false
        default:
            // A number or true, false, null: the characters they are made of.
            let start = index
            while let byte = peek(), Self.isScalarByte(byte) { index += 1 }
            return index > start
        }
    }

    /// A string's text: taken as it is when it has no escape, else decoded by JSONSerialization.
    private mutating func string() -> String? {
        let start = index
        guard let escaped = skipString() else { return nil }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
        guard escaped else { return String(decoding: UnsafeRawBufferPointer(rebasing: raw.dropFirst().dropLast()), as: UTF8.self) }
        let array = Data([UInt8(ascii: "[")]) + Data(raw) + Data([UInt8(ascii: "]")])
        return ((try? JSONSerialization.jsonObject(with: array)) as? [Any])?.first as? String
    }

    /// Moves past a string; returns whether it holds an escape, nil when it is not a closed string.
    private mutating func skipString() -> Bool? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return escaped }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                index += 1
            } else if byte < 0x20 {
                return nil
            }
        }
        return nil
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"), UInt8(ascii: "+"),
             UInt8(ascii: "."), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    private mutating func atEnd() -> Bool {
        skipSpace()
        return index == bytes.count
    }
}
