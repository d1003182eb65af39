import Foundation

/// The fast path for the flat objects that make up nearly all of a tenant export (a million grants, their
/// assignments): reads the string values of the named properties straight from an element's bytes, with
/// no Foundation decoder and no copies beyond the values.
///
/// It declines (returns nil) whatever it would not read exactly as `JSONInput.decodeAnyCase` does: bytes
/// outside ASCII, escapes, control characters, numbers, true or false, nested values, a property twice,
/// any syntax error. Those elements take the full decoder, which gives the same values or the error.
struct FlatJSONObject {
    /// Graph's camelCase names; a PascalCase key (`ClientId`) matches too, as in `decodeAnyCase`.
    private let names: [[UInt8]]

    init(names: [String]) {
        self.names = names.map { Array($0.utf8) }
    }

    /// The value of each name, in order: nil when absent or null. Nil when the fast path declines.
    func strings(in element: Data) -> [String?]? {
        element.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self), names: names)
            return scanner.object()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let names: [[UInt8]]
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, names: [[UInt8]]) {
            self.bytes = bytes
            self.names = names
        }

        mutating func object() -> [String?]? {
            var values = [String?](repeating: nil, count: names.count)
            var keys: [Range<Int>] = []
            guard take(UInt8(ascii: "{")) else { return nil }
            if take(UInt8(ascii: "}")) { return atEnd() ? values : nil }
            repeat {
                guard let key = string(), !keys.contains(where: { equal($0, key) }), take(UInt8(ascii: ":")) else { return nil }
                keys.append(key)
                let slot = names.firstIndex { matches(key, $0) }
                if let slot, keys.dropLast().contains(where: { matches($0, names[slot]) }) { return nil }  // `id` and `Id`
                if peek() == UInt8(ascii: "\"") {
                    guard let value = string() else { return nil }
                    if let slot { values[slot] = String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self) }
                } else if !literalNull() {
                    return nil
                }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) && atEnd() ? values : nil
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

        private mutating func literalNull() -> Bool {
            skipWhitespace()
            guard bytes.count - index >= 4, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                  bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l") else { return false }
            index += 4
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

        private mutating func atEnd() -> Bool {
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
