import Foundation
import PermAuditStore

/// The bytes of one input file, ready to decode, with errors that say where the problem is.
struct JSONInput {
    let name: String
    let data: Data
    /// The file as given, byte-order mark and all: what `sha256` identifies.
    private let original: Data

    init(name: String, bytes: Data) throws {
        self.name = name
        original = bytes
        // Windows PowerShell writes a UTF-8 byte-order mark; JSON itself has none.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard body.contains(where: { !Self.isWhitespace($0) }) else {
            throw ImportError(file: name, problem: "the file is empty; expected a JSON catalog or export")
        }
        data = body.startIndex == bytes.startIndex ? bytes : Data(body)
        // Checked once, before any decoding: Foundation's decoder would take one of two duplicate keys
        // silently, and says nothing of where a syntax error is.
        if let problem = JSONSyntaxCheck.firstProblem(in: data) {
            throw ImportError(file: name, location: problem.location, problem: "not valid JSON: \(problem.message)")
        }
    }

    /// Computed when asked for: the elements of a tenant export are decoded through here and never hashed.
    var sha256: String { SHA256.hex(original) }

    /// Decodes `type` with Graph's own camelCase property names, exactly.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decode(type, using: JSONDecoder())
    }

    /// Decodes `type` accepting the PowerShell SDK's PascalCase names (`AdminConsentDescription`) too.
    /// Not for shapes keyed by permission name: those keys are data and must stay exact.
    func decodeAnyCase<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            let key = path.last!.stringValue
            return AnyCodingKey(key.prefix(1).lowercased() + key.dropFirst())
        }
        return try decode(type, using: decoder)
    }

    private func decode<T: Decodable>(_ type: T.Type, using decoder: JSONDecoder) throws -> T {
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            throw ImportError(file: name, decodingError: error)
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(file: name, problem: "not valid JSON: \(error)")
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

struct AnyCodingKey: CodingKey, Hashable {
    let stringValue: String
    let intValue: Int?

    init(_ string: String) {
        stringValue = string
        intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension ImportError {
    /// One line from a decoding error: the JSON path and what was expected there.
    init(file: String, decodingError: DecodingError) {
        switch decodingError {
        case let .typeMismatch(type, context):
            self.init(file: file, location: JSONPath.render(context.codingPath),
                      problem: "expected \(JSONPath.describe(type)): \(Self.firstSentence(context.debugDescription))")
        case let .valueNotFound(type, context):
            self.init(file: file, location: JSONPath.render(context.codingPath),
                      problem: "expected \(JSONPath.describe(type)), found null")
        case let .keyNotFound(key, context):
            self.init(file: file, location: JSONPath.render(context.codingPath),
                      problem: "missing required property \"\(key.stringValue)\"")
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                self.init(file: file, problem: "not valid JSON: \(Self.firstSentence(context.debugDescription))")
            } else {
                self.init(file: file, location: JSONPath.render(context.codingPath), problem: Self.firstSentence(context.debugDescription))
            }
        @unknown default:
            self.init(file: file, problem: "cannot be read: \(decodingError)")
        }
    }

    private static func firstSentence(_ text: String) -> String {
        String(text.split(separator: "\n").first ?? "")
    }
}

/// Renders coding paths the way JSON tools write them: `$.permissions["Mail.Read"].pathSets[2]`.
enum JSONPath {
    static func render(_ path: [any CodingKey]) -> String {
        path.reduce("$") { result, key in
            if let index = key.intValue { return result + "[\(index)]" }
            let name = key.stringValue
            let plain = name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil
            return plain ? result + "." + name : result + "[\"" + name + "\"]"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
