/// Name patterns of the policy: `*` any characters (none too), `?` exactly one; case-sensitive, as names are.
enum NamePattern {
    /// Two indices and the last star to fall back to: at most pattern × name steps, no recursion. (A recursive
    /// matcher backtracked for minutes on `*.*.*.*.*.X` against a long scope and overflowed its stack on a long
    /// pattern; the policy import also bounds a pattern's length.)
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let pattern = Array(pattern), name = Array(name)
        var p = 0, n = 0
        // The last star seen, and where in the name the text it stands for ends so far.
        var star: Int?
        var starEnd = 0
        while n < name.count {
            if p < pattern.count, pattern[p] == "*" {
                star = p
                starEnd = n
                p += 1
            } else if p < pattern.count, pattern[p] == "?" || pattern[p] == name[n] {
                p += 1
                n += 1
            } else if let star {
                // Let the last star take one more character and retry what follows it.
                p = star + 1
                starEnd += 1
                n = starEnd
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
