/// The hash a scope string is found by in `scopeSet` (migration 0022, which computes it in SQL for the rows it
/// found): h = (h * 16777619 + code point) mod 2^32 over the string's Unicode code points, from 2166136261.
/// It stops at the first NUL, as SQLite's text functions do. Strings with one hash are told apart by their text.
enum ScopeSetHash {
    static func of(_ scope: String) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for scalar in scope.unicodeScalars {
            if scalar.value == 0 { break }
            hash = hash &* 16_777_619 &+ scalar.value
        }
        return hash
    }
}
