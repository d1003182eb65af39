import Foundation

/// The fast path for the objects that make up nearly all of a tenant export (a million grants, their
/// assignments, fifty thousand service principals): reads the named properties straight from an element's
/// bytes and copies nothing but the values. Foundation's decoder, which it stands in for, takes 20 to 40 µs a
/// service principal. Other properties are checked and skipped, as the decoder ignores them.
///
/// It declines (returns nil) whatever it would not read exactly as `JSONInput.decodeAnyCase` does: bytes
/// outside ASCII, escapes, control characters, numbers, a value of another kind than the property's, a null
/// inside a list, a key twice in one object, values nested deeper than `maxDepth`, an object of more than
/// `maxKeys` keys, any syntax error. Those elements take the full decoder, which gives the same values or the
/// error.
struct FlatJSONObject: Sendable {
    /// What a named property holds.
    indirect enum Kind: Sendable {
        case string, bool
        /// A list of strings.
        case strings
        case object(FlatJSONObject)
        /// A list of objects.
        case objects(FlatJSONObject)
    }

    /// A named property's value, as `Kind` says.
    enum Value: Equatable, Sendable {
        case string(String), bool(Bool), strings([String]), object([Value?]), objects([[Value?]])

        var string: String? { if case .string(let text) = self { text } else { nil } }
        var bool: Bool? { if case .bool(let flag) = self { flag } else { nil } }
        var strings: [String]? { if case .strings(let texts) = self { texts } else { nil } }
        var object: [Value?]? { if case .object(let values) = self { values } else { nil } }
        var objects: [[Value?]]? { if case .objects(let objects) = self { objects } else { nil } }
    }

    /// Graph's camelCase names; a PascalCase key (`ClientId`) matches too, as in `decodeAnyCase`.
    private let names: [[UInt8]]
    private let kinds: [Kind]
    /// Deeper than this, a value is declined rather than followed.
    static let maxDepth = 32
    /// An object with more keys is declined: each key is compared with those before it (a Graph service
    /// principal has about fifty), which a hostile object of a hundred thousand would make take minutes.
    static let maxKeys = 128
    /// An object none of whose properties is read: skipped.
    private static let anything = FlatJSONObject([])

    /// An object whose named properties are all strings.
    init(names: [String]) {
        self.init(names.map { ($0, .string) })
    }

    init(_ properties: [(name: String, kind: Kind)]) {
        names = properties.map { Array($0.name.utf8) }
        kinds = properties.map(\.kind)
    }

    /// The value of each name, in order: nil when absent or null. Nil when the fast path declines.
    func values(in element: Data) -> [Value?]? {
        element.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self))
            guard let values = scanner.object(self, depth: 0), scanner.atEnd() else { return nil }
            return values
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func object(_ shape: FlatJSONObject, depth: Int) -> [Value?]? {
            var values = [Value?](repeating: nil, count: shape.names.count)
            var keys: [Range<Int>] = []
            guard take(UInt8(ascii: "{")) else { return nil }
            if take(UInt8(ascii: "}")) { return values }
            repeat {
                guard keys.count < FlatJSONObject.maxKeys, let key = string(), !keys.contains(where: { equal($0, key) }),
                      take(UInt8(ascii: ":")) else { return nil }
                keys.append(key)
                guard let slot = shape.names.firstIndex(where: { matches(key, $0) }) else {
                    guard skipValue(depth: depth + 1) else { return nil }
                    continue
                }
                if keys.dropLast().contains(where: { matches($0, shape.names[slot]) }) { return nil }  // `id` and `Id`
                if literal("null") { continue }
                guard let value = value(shape.kinds[slot], depth: depth + 1) else { return nil }
                values[slot] = value
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) ? values : nil
        }

        private mutating func value(_ kind: Kind, depth: Int) -> Value? {
            switch kind {
            case .string: string().map { .string(text($0)) }
            case .bool: literal("true") ? .bool(true) : literal("false") ? .bool(false) : nil
            case .strings: list { scanner in scanner.string().map { scanner.text($0) } }.map { .strings($0) }
            case .object(let shape): depth > FlatJSONObject.maxDepth ? nil : object(shape, depth: depth).map { .object($0) }
            case .objects(let shape):
                depth > FlatJSONObject.maxDepth ? nil : list { scanner in scanner.object(shape, depth: depth + 1) }.map { .objects($0) }
            }
        }

        /// A list of items that `item` reads (no null among them: the decoder refuses one in a list of values).
        private mutating func list<Item>(_ item: (inout Scanner) -> Item?) -> [Item]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var items: [Item] = []
            if take(UInt8(ascii: "]")) { return items }
            repeat {
                guard let next = item(&self) else { return nil }
                items.append(next)
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]")) ? items : nil
        }

        /// A property no name asks for: a string, a literal, or a list or object of them (with no key twice).
        private mutating func skipValue(depth: Int) -> Bool {
            guard depth <= FlatJSONObject.maxDepth else { return false }
            switch peek() {
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "{"): return object(FlatJSONObject.anything, depth: depth) != nil
            case UInt8(ascii: "["): return list { scanner in scanner.skipValue(depth: depth + 1) ? true : nil } != nil
            default: return literal("null") || literal("true") || literal("false")
            }
        }

        /// A string without escapes or control characters, in ASCII: the range of its contents.
        private mutating func string() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<index - 1
                }
                guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
            }
            return nil
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// Consumes `word` (null, true or false) if it comes next.
        private mutating func literal(_ word: StaticString) -> Bool {
            skipWhitespace()
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// Skips white space, then consumes `byte` if it comes next.
        private mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }

        /// Skips white space; the byte that comes next.
        private mutating func peek() -> UInt8? {
            skipWhitespace()
            return index < bytes.count ? bytes[index] : nil
        }

        mutating func atEnd() -> Bool {
            skipWhitespace()
            return index == bytes.count
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
                index += 1
            }
        }

        private func equal(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { bytes[$0] == bytes[$1] }
        }

        /// The key is `name`, or `name` with its first letter in upper case.
        private func matches(_ key: Range<Int>, _ name: [UInt8]) -> Bool {
            guard key.count == name.count, let first = name.first else { return false }
            let keyFirst = bytes[key.lowerBound]
            guard keyFirst == first || (keyFirst >= UInt8(ascii: "A") && keyFirst <= UInt8(ascii: "Z") && keyFirst + 32 == first) else { return false }
            for offset in 1..<name.count where bytes[key.lowerBound + offset] != name[offset] { return false }
            return true
        }
    }
}
