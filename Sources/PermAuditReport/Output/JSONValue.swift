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
        // Bytes, not a String: a page of 6,000 holders spent a fifth of `show`'s time in String's appends.
        var out: [UInt8] = []
        appendCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func appendCompact(to out: inout [UInt8]) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let bool): out += (bool ? "true" : "false").utf8
        case .int(let int): out += String(int).utf8
        case .string(let string): JSONText.append(string, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.append(member.0, to: &out)
                out.append(UInt8(ascii: ":"))
                member.1.appendCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
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
