/// JSON written with its keys in a fixed order and nulls kept: the documented contracts need both.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

    /// A catalog field's text as JSON: booleans and privilege levels typed, everything else a string.
    static func field(_ text: String?) -> JSONValue {
        guard let text else { return .null }
        if text == "true" || text == "false" { return .bool(text == "true") }
        if let int = Int(text) { return .int(int) }
        return .string(text)
    }

    public func text(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let bool): return String(bool)
        case .int(let int): return String(int)
        case .string(let string): return JSONText.string(string)
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            guard !members.isEmpty else { return "{}" }
            return "{\n" + members.map { inner + JSONText.string($0.0) + ": " + $0.1.text(indent: inner) }.joined(separator: ",\n")
                + "\n" + indent + "}"
        }
    }
}
