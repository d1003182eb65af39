/// The known names closest to one that was not found: a typo or a wrong case should lead somewhere.
public enum NameSuggestions {
    public static func closest(to name: String, among names: [String], limit: Int = 3) -> [String] {
        let target = Array(name.lowercased())
        // Names are case-sensitive: when only the case is off, that is the answer.
        let sameLetters = names.filter { $0.lowercased() == name.lowercased() }
        if !sameLetters.isEmpty { return sameLetters }
        let scored = names.map { candidate -> (String, Int) in
            let lowered = candidate.lowercased()
            // A name that contains what was typed is a good suggestion even when much longer.
            let bonus = lowered.contains(String(target)) ? -100 : 0
            return (candidate, distance(target, Array(lowered)) + bonus)
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// Levenshtein distance.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
