/// One copy of each distinct string: the aggregates keep an app's id and an unmatched path once each,
/// not once per aggregate (a million records made a quarter of a million copies of a thousand app ids).
struct StringInterner {
    private var strings = Set<String>()

    mutating func intern(_ string: String) -> String {
        if let stored = strings.firstIndex(of: string) { return strings[stored] }
        strings.insert(string)
        return string
    }
}
