import Foundation

/// The fast path for activity-log records, which come by the million: the values of the fields a record
/// needs, read straight from its bytes, at its top level and in a storage record's `properties` (whose values
/// win, as in `ActivityRecord.decode`), without building a dictionary of everything in it.
///
/// It declines (returns nil) what it would not read as Foundation's parser does: a needed value with an
/// escape or a byte outside ASCII, a syntax error, nesting deeper than it skips. Those records take
/// JSONSerialization, which gives the same values or the error.
struct ActivityRecordScanner {
    /// Each field's lower-cased name, by `ActivityField.rawValue`.
    private let names = ActivityField.allCases.map { Array($0.name.utf8) }

    func values(in element: Data) -> ActivityFields? {
        element.withUnsafeBytes { values(in: $0.bindMemory(to: UInt8.self)) }
    }

    /// The fields' values (a nested `properties` object's replace the top level's); nil when the fast path declines.
    func values(in bytes: UnsafeBufferPointer<UInt8>) -> ActivityFields? {
        var scanner = Scanner(bytes: bytes, names: names)
        var values = ActivityFields()
        var properties = ActivityFields()
        guard scanner.object(depth: 0, into: &values, properties: &properties) else { return nil }
        scanner.skipSpace()
        guard scanner.index == bytes.count else { return nil }
        for field in ActivityField.allCases {
            if let value = properties[field] { values[field] = value }
        }
        return values
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let names: [[UInt8]]
        var index = 0

        mutating func object(depth: Int, into values: inout ActivityFields, properties: inout ActivityFields) -> Bool {
            skipSpace()
            guard take(UInt8(ascii: "{")) else { return false }
            skipSpace()
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                skipSpace()
                guard let key = string(allowEscapes: false) else { return false }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return false }
                skipSpace()
                if depth == 0, peek() == UInt8(ascii: "{"), matches(key, Self.properties) {
                    var ignored = ActivityFields()
                    guard object(depth: 1, into: &properties, properties: &ignored) else { return false }
                } else if let field = field(named: key) {
                    guard let value = scalar() else { return false }
                    if let value { values[field] = value }
                } else {
                    guard skipValue(depth: depth + 1) else { return false }
                }
                skipSpace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        private func field(named key: Range<Int>) -> ActivityField? {
            for (raw, name) in names.enumerated() where matches(key, name) { return ActivityField(rawValue: raw) }
            return nil
        }

        /// The key's bytes equal the lower-cased name, ignoring ASCII case.
        private func matches(_ key: Range<Int>, _ name: [UInt8]) -> Bool {
            guard key.count == name.count else { return false }
            var offset = 0
            for index in key {
                let byte = bytes[index]
                if (byte | ((0x41...0x5A).contains(byte) ? 0x20 : 0)) != name[offset] { return false }
                offset += 1
            }
            return true
        }

        /// A string (ASCII, no escapes), a number or a literal, as text; `.some(nil)` for null; nil to decline.
        private mutating func scalar() -> String?? {
            switch peek() {
            case UInt8(ascii: "\""):
                guard let range = string(allowEscapes: false) else { return nil }
                return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            case UInt8(ascii: "n"): return literal("null") ? .some(nil) : nil
            case UInt8(ascii: "t"): return literal("true") ? .some("true") : nil
            case UInt8(ascii: "f"): return literal("false") ? .some("false") : nil
            default:
                guard let range = number() else { return nil }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                guard let value = Double(text) else { return nil }
                // Foundation writes an integral number without its fraction.
                return .some(value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : text)
            }
        }

        private mutating func number() -> Range<Int>? {
            let start = index
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
            return index > start ? start..<index : nil
        }

        private static func isNumberByte(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        /// Passes over any value; strings may hold escapes here, since their contents are not kept.
        private mutating func skipValue(depth: Int) -> Bool {
            guard depth < 8 else { return false }
            switch peek() {
            case UInt8(ascii: "\""): return string(allowEscapes: true) != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[index] == UInt8(ascii: "{")
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                index += 1
                skipSpace()
                if take(close) { return true }
                repeat {
                    skipSpace()
                    if isObject {
                        guard string(allowEscapes: true) != nil else { return false }
                        skipSpace()
                        guard take(UInt8(ascii: ":")) else { return false }
                        skipSpace()
                    }
                    guard skipValue(depth: depth + 1) else { return false }
                    skipSpace()
                } while take(UInt8(ascii: ","))
                return take(close)
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            default:
                // Checked as a number, as the value would be if it were kept.
                guard let range = number() else { return false }
                return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)) != nil
            }
        }

        private mutating func string(allowEscapes: Bool) -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if byte < 0x20 || (!allowEscapes && (byte == UInt8(ascii: "\\") || byte >= 0x80)) { return nil }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            return nil
        }

        private mutating func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        static let properties = Array("properties".utf8)

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }
    }
}
