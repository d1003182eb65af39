/// Name patterns of the policy: `*` any characters (none too), `?` exactly one; case-sensitive, as names are.
enum NamePattern {
    static func matches(_ pattern: String, _ name: String) -> Bool {
        matches(Array(pattern)[...], Array(name)[...])
    }

    private static func matches(_ pattern: ArraySlice<Character>, _ name: ArraySlice<Character>) -> Bool {
        guard let first = pattern.first else { return name.isEmpty }
        if first == "*" {
            return (name.startIndex...name.endIndex).contains { matches(pattern.dropFirst(), name[$0...]) }
        }
        guard let character = name.first, first == "?" || first == character else { return false }
        return matches(pattern.dropFirst(), name.dropFirst())
    }
}
