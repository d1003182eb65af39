import Foundation
import PermAuditStore

/// Reads the policy's closed choices and required texts, with errors that name the property.
enum PolicyValues {
    static func oneOf<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K, _ choices: [String]) throws -> String? {
        guard let value = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard choices.contains(value) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container,
                debugDescription: "expected \(choices.joined(separator: ", ")), found \"\(value)\"")
        }
        return value
    }

    static func kind<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> PermissionKind? {
        try oneOf(container, key, PermissionKind.allCases.map(\.rawValue)).flatMap(PermissionKind.init)
    }

    static func text<K: CodingKey>(_ container: KeyedDecodingContainer<K>, _ key: K) throws -> String {
        let value = try container.decode(String.self, forKey: key)
        guard !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "expected a text, found an empty one")
        }
        return value
    }
}
