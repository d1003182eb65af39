/// A count and its noun, agreeing: "1 app", "2 apps", "1 entry", "0 entries". The one place every printed
/// count gets its noun, in this module because every other module depends on it.
public enum Plural {
    /// "1 snapshot", "3 snapshots"; `plural` for a noun English does not pluralize by rule.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) " + noun(count, singular, plural)
    }

    /// The noun alone, for a count printed another way ("1,150,001 entries").
    public static func noun(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? regularPlural(singular)
    }

    /// entry -> entries, class -> classes, app -> apps; the last word only ("app role assignment").
    private static func regularPlural(_ word: String) -> String {
        if word.hasSuffix("y"), let before = word.dropLast().last, !"aeiou".contains(before) {
            return word.dropLast() + "ies"
        }
        if ["s", "x", "ch", "sh"].contains(where: word.hasSuffix) { return word + "es" }
        return word + "s"
    }
}
