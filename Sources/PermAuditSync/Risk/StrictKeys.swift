import Foundation

/// Refuses properties a policy object does not define, naming the ones it does.
enum StrictKeys {
    static func check(_ decoder: any Decoder, allowed: [String]) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        if let unknown = container.allKeys.first(where: { !allowed.contains($0.stringValue) }) {
            throw DecodingError.dataCorruptedError(forKey: unknown, in: container,
                debugDescription: "unknown property \"\(unknown.stringValue)\"; expected \(allowed.joined(separator: ", "))")
        }
    }
}
