/// Finds where JSON text first goes wrong, as line and column, for error messages: Foundation's decoder
/// only says "not valid JSON". Iterative, so any nesting depth is checked without recursion. Beyond the
/// grammar it refuses what permaudit will not read: nesting deeper than Foundation's decoder accepts, and
/// one key twice in an object (which value would count is anyone's guess).
enum JSONSyntaxCheck {
    static let maximumDepth = 512

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String

        var location: String { "line \(line), column \(column)" }
    }

    private enum Container { case object, array }

    private enum Expecting {
        case value, valueOrClose, key, keyOrClose, colon, commaOrClose, end
    }

    static func firstProblem(in bytes: some Collection<UInt8>) -> Problem? {
        firstProblemAndOffset(in: bytes)?.problem
    }

    /// The first problem and the byte offset where it is: a caller that checks only a file's first bytes tells
    /// a problem of the file from one the cut makes (at or just before the end).
    static func firstProblemAndOffset(in bytes: some Collection<UInt8>) -> (problem: Problem, offset: Int)? {
        var scanner = Scanner(bytes: Array(bytes))
        return scanner.run().map { ($0, scanner.index) }
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var stack: [Container] = []
        /// The keys seen so far in each open object, as deep as `openObjects`; sets of closed objects stay
        /// allocated, emptied, for the next object at their depth.
        var keys: [Set<KeyBytes>] = []
        var openObjects = 0
        var expecting = Expecting.value

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func run() -> Problem? {
            if let invalid = invalidUTF8Offset() {
                index = invalid
                return problem("invalid UTF-8 byte 0x\(String(bytes[invalid], radix: 16))")
            }
            while true {
                skipWhitespace()
                guard index < bytes.count else {
                    return expecting == .end ? nil : problem("unexpected end of file; the JSON is cut short")
                }
                let byte = bytes[index]
                if let failure = step(byte) { return failure }
            }
        }

        private mutating func step(_ byte: UInt8) -> Problem? {
            switch expecting {
            case .end:
                return problem("unexpected \(describe(byte)) after the end of the JSON value")
            case .colon:
                guard byte == UInt8(ascii: ":") else { return problem("expected ':' after an object key, found \(describe(byte))") }
                index += 1
                expecting = .value
            case .commaOrClose:
                return commaOrClose(byte)
            case .key, .keyOrClose:
                if byte == UInt8(ascii: "}") && expecting == .keyOrClose { return close(.object) }
                guard byte == UInt8(ascii: "\"") else { return problem("expected an object key in double quotes, found \(describe(byte))") }
                let start = index
                if let failure = string() { return failure }
                let key = bytes[start..<index]
                guard keys[openObjects - 1].insert(KeyBytes(bytes: key)).inserted else {
                    index = start
                    return problem("the key \(String(decoding: key, as: UTF8.self)) appears twice in one object")
                }
                expecting = .colon
            case .value, .valueOrClose:
                if byte == UInt8(ascii: "]") && expecting == .valueOrClose { return close(.array) }
                return value(byte)
            }
            return nil
        }

        private mutating func value(_ byte: UInt8) -> Problem? {
            if (byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[")) && stack.count >= JSONSyntaxCheck.maximumDepth {
                return problem("nested more than \(JSONSyntaxCheck.maximumDepth) levels deep")
            }
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(.object)
                if openObjects == keys.count { keys.append([]) }
                openObjects += 1
                index += 1
                expecting = .keyOrClose
                return nil
            case UInt8(ascii: "["):
                stack.append(.array)
                index += 1
                expecting = .valueOrClose
                return nil
            case UInt8(ascii: "\""):
                if let failure = string() { return failure }
            case UInt8(ascii: "t"): if let failure = literal("true") { return failure }
            case UInt8(ascii: "f"): if let failure = literal("false") { return failure }
            case UInt8(ascii: "n"): if let failure = literal("null") { return failure }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if let failure = number() { return failure }
            default:
                return problem("expected a value (object, list, string, number, true, false or null), found \(describe(byte))")
            }
            expecting = stack.isEmpty ? .end : .commaOrClose
            return nil
        }

        private mutating func commaOrClose(_ byte: UInt8) -> Problem? {
            let container = stack.last!
            if byte == UInt8(ascii: ",") {
                index += 1
                expecting = container == .object ? .key : .value
                return nil
            }
            if byte == UInt8(ascii: "}") && container == .object { return close(.object) }
            if byte == UInt8(ascii: "]") && container == .array { return close(.array) }
            // A new element where a comma belongs: the commonest hand-editing slip (azure-tiering's 2025-10-30 file has one).
            let hint = byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "\"") ? "; a comma is missing before it" : ""
            return problem("expected ',' or '\(container == .object ? "}" : "]")', found \(describe(byte))\(hint)")
        }

        private mutating func close(_ container: Container) -> Problem? {
            stack.removeLast()
            if container == .object {
                openObjects -= 1
                keys[openObjects].removeAll(keepingCapacity: true)
            }
            index += 1
            expecting = stack.isEmpty ? .end : .commaOrClose
            return nil
        }

        private mutating func string() -> Problem? {
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return nil
                case UInt8(ascii: "\\"):
                    index += 2
                case 0..<0x20:
                    return problem("a control character inside a string (write it escaped, such as \\n)")
                default:
                    index += 1
                }
            }
            return problem("unexpected end of file inside a string")
        }

        private mutating func literal(_ word: String) -> Problem? {
            let expected = Array(word.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
                return problem("expected \(word), found \(describe(bytes[index]))")
            }
            index += expected.count
            return nil
        }

        /// -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
        private mutating func number() -> Problem? {
            let start = index
            func digits() -> Int {
                let from = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - from
            }
            func isByte(_ character: Unicode.Scalar) -> Bool { index < bytes.count && bytes[index] == UInt8(ascii: character) }
            if isByte("-") { index += 1 }
            let integerStart = index
            var valid = digits() > 0 && !(bytes[integerStart] == UInt8(ascii: "0") && index - integerStart > 1)
            if valid, isByte(".") {
                index += 1
                valid = digits() > 0
            }
            if valid, isByte("e") || isByte("E") {
                index += 1
                if isByte("+") || isByte("-") { index += 1 }
                valid = digits() > 0
            }
            while index < bytes.count, Self.continuesNumber(bytes[index]) {
                index += 1
                valid = false
            }
            guard valid else {
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index = start
                return problem("\"\(text)\" is not a JSON number")
            }
            return nil
        }

        /// A byte that would continue a number: what a malformed one runs on to, shown whole in its error.
        private static func continuesNumber(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): true
            default: false
            }
        }

        private mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): index += 1
                default: return
                }
            }
        }

        private func problem(_ message: String) -> Problem {
            let end = min(index, bytes.count)
            let lineStart = (bytes[0..<end].lastIndex(of: 0x0A) ?? -1) + 1
            let line = 1 + bytes[0..<end].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            // Columns count characters, not bytes, as editors do.
            let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
            return Problem(line: line, column: column, message: message)
        }

        private func describe(_ byte: UInt8) -> String {
            (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        }

        /// The offset of the first byte that is not well-formed UTF-8, if any: the standard library's validation
        /// first, a scalar at a time only to find where a file fails it.
        private func invalidUTF8Offset() -> Int? {
            guard String(validating: bytes, as: UTF8.self) == nil else { return nil }
            var offset = 0
            var iterator = bytes.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput: return nil
                case .error: return offset
                }
            }
        }
    }

    /// An object key's bytes, hashed in one call: `ArraySlice<UInt8>` hashes a byte at a time, which made the
    /// duplicate-key check a third of the syntax check.
    private struct KeyBytes: Hashable {
        let bytes: ArraySlice<UInt8>

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }
}
