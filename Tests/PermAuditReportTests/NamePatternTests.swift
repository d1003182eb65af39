import Foundation
import Testing
@testable import PermAuditReport

/// The policy's name patterns: `*` any characters, `?` exactly one, case-sensitive; matched without recursion,
/// so a pattern with many stars, or a very long one, cannot stall or overflow the stack.
@Suite struct NamePatternTests {
    @Test(arguments: [
        ("Mail.*", "Mail.Read", true), ("*", "", true), ("", "", true), ("", "a", false), ("?", "", false),
        ("*.All", "User.Read.All", true), ("Mail.*", "MailboxSettings.Read", false), ("mail.*", "Mail.Read", false),
        ("User.Read?All", "User.Read.All", true), ("User.Read", "User.Read.All", false), ("*Read*", "Mail.ReadWrite", true),
        ("**", "x", true), ("*?", "", false), ("a*b*c", "abbbcbc", true), ("a*b*c", "abbbcb", false), ("*a", "ba", true),
        ("*.*.*.*.*.X", String(repeating: "a.", count: 200), false),
        ("*.*.*.*.*.X", String(repeating: "a.", count: 200) + "X", true),
    ])
    func matches(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern, name) == expected)
    }

    /// The stars that made the recursive matcher backtrack for minutes, and a pattern long enough to overflow
    /// its stack: both simply finish now.
    @Test func pathologicalPatternsFinish() {
        let scope = String(repeating: "a", count: 400)
        #expect(!NamePattern.matches(String(repeating: "*a", count: 30) + "X", scope))
        #expect(!NamePattern.matches("*.*.*.*.*.X", String(repeating: ".", count: 400)))
        let long = String(repeating: "*a", count: 25_000)
        #expect(NamePattern.matches(long, String(repeating: "a", count: 25_000)))
        #expect(!NamePattern.matches(long + "b", String(repeating: "a", count: 25_000)))
    }

    /// The matcher agrees with a regular expression built from the pattern, on random short patterns and names.
    @Test(arguments: 0..<16)
    func agreesWithARegularExpression(seed: Int) throws {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func random(_ alphabet: [Character], upTo length: Int) -> String {
            String((0..<next(length + 1)).map { _ in alphabet[next(alphabet.count)] })
        }
        for _ in 0..<200 {
            let pattern = random(["a", "b", ".", "*", "?"], upTo: 7)
            let name = random(["a", "b", "."], upTo: 9)
            #expect(NamePattern.matches(pattern, name) == (try Self.reference(pattern, name)), "\(pattern) against \(name)")
        }
    }

    private static func reference(_ pattern: String, _ name: String) throws -> Bool {
        let body = pattern.map { $0 == "*" ? ".*" : $0 == "?" ? "." : NSRegularExpression.escapedPattern(for: String($0)) }.joined()
        let regex = try NSRegularExpression(pattern: "^" + body + "$")
        return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }
}
