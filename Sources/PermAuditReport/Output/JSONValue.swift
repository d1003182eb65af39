/// JSON written with its keys in a fixed order and nulls kept: the documented contracts need both.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

    /// A stored field's text as JSON, typed by the field, never by the value: a description "123" stays a
    /// string and a display name "true" is not a boolean. Only the flags are booleans and `privilegeLevel` and
    /// `principalCount` numbers (a stored value that does not parse as its type stays a string).
    static func field(_ name: String, _ text: String?) -> JSONValue {
        guard let text else { return .null }
        if booleanFields.contains(name), text == "true" || text == "false" { return .bool(text == "true") }
        if integerFields.contains(name), let int = Int(text) { return .int(int) }
        return .string(text)
    }

    static let booleanFields: Set = ["requiresAdminConsent", "isEnabled", "isHidden", "supportsPersonalAccounts"]
    static let integerFields: Set = ["privilegeLevel", "principalCount"]

    /// The value on one line, without spaces.
    public func compactText() -> String {
        var out = ""
        appendCompact(to: &out)
        return out
    }

    private func appendCompact(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let bool): out += bool ? "true" : "false"
        case .int(let int): out += String(int)
        case .string(let string): JSONText.append(string, to: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.appendCompact(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONText.append(member.0, to: &out)
                out += ":"
                member.1.appendCompact(to: &out)
            }
            out += "}"
        }
    }

    public func text(indent: String = "") -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// Appends to one string: building each member's text and joining them made a report's rows cost more
    /// than working them out.
    private func write(into out: inout String, indent: String) {
        switch self {
        case .null: out += "null"
        case .bool(let bool): out += String(bool)
        case .int(let int): out += String(int)
        case .string(let string): out += JSONText.string(string)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            let inner = indent + "  "
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += index == 0 ? inner : ",\n" + inner
                item.write(into: &out, indent: inner)
            }
            out += "\n" + indent + "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += index == 0 ? inner : ",\n" + inner
                out += JSONText.string(member.0)
                out += ": "
                member.1.write(into: &out, indent: inner)
            }
            out += "\n" + indent + "}"
        }
    }
}
