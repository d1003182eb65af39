import Foundation

/// The fast path for activity-log records, which come by the million: the values of the properties a
/// record needs, read straight from its bytes, at its top level and in a storage record's `properties`
/// (whose values win, as in `ActivityRecord.decode`), without building a dictionary of everything in it.
///
/// It declines (returns nil) what it would not read as Foundation's parser does: a needed value with an
/// escape or a byte outside ASCII, a syntax error, nesting deeper than it skips. Those records take
/// JSONSerialization, which gives the same values or the error.
struct ActivityRecordScanner {
    /// Lower-cased names of the properties to read.
    private let wanted: Set<[UInt8]>

    init(names: Set<String>) {
        wanted = Set(names.map { Array($0.utf8) })
    }

    /// The wanted values by lower-cased name (a nested object's values replace the top level's); nil when
    /// the fast path declines.
    func values(in element: Data) -> [String: String]? {
        element.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw.bindMemory(to: UInt8.self), wanted: wanted)
            var values: [String: String] = [:]
            var properties: [String: String] = [:]
            guard scanner.object(depth: 0, into: &values, properties: &properties) else { return nil }
            scanner.skipSpace()
            return scanner.index == scanner.bytes.count ? values.merging(properties) { $1 } : nil
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        let wanted: Set<[UInt8]>
        var index = 0

        mutating func object(depth: Int, into values: inout [String: String], properties: inout [String: String]) -> Bool {
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
                let name = bytes[key].map { (0x41...0x5A).contains($0) ? $0 + 32 : $0 }
                if peek() == UInt8(ascii: "{"), depth == 0, name == Self.properties {
                    var ignored: [String: String] = [:]
                    guard object(depth: 1, into: &properties, properties: &ignored) else { return false }
                } else if wanted.contains(name) {
                    guard let value = scalar() else { return false }
                    if let value { values[String(decoding: name, as: UTF8.self)] = value }
                } else {
                    guard skipValue(depth: depth + 1) else { return false }
                }
                skipSpace()
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
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
                let start = index
                while index < bytes.count, "-+.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                guard index > start, let text = String(bytes: bytes[start..<index], encoding: .ascii), Double(text) != nil else { return nil }
                // Foundation writes an integral number without its fraction.
                return .some(Double(text).map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : text })
            }
        }

        /// Passes over any value; strings may hold escapes here, since their contents are not kept.
        private mutating func skipValue(depth: Int) -> Bool {
            guard depth < 8 else { return false }
            switch peek() {
            case UInt8(ascii: "\""): return string(allowEscapes: true) != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let close = bytes[index] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                let isObject = close == UInt8(ascii: "}")
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
            default:
                guard let value = scalar() else { return false }
                _ = value
                return true
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

        private mutating func literal(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else { return false }
            index += utf8.count
            return true
        }

        static let properties = Array("properties".utf8)

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard peek() == byte else { return false }
            index += 1
            return true
        }
    }
}
