@testable import PermAuditStore
import Testing

@Suite struct ContentDigestTests {
    @Test func readsSixtyFourHexDigitsOfEitherCase() {
        let lower = SHA256.hex("grant")
        #expect(ContentDigest(hex: lower) == ContentDigest(hex: lower.uppercased()))
        #expect(ContentDigest(hex: lower)?.words.0 == UInt64(lower.prefix(16), radix: 16))
        let ones = ContentDigest(hex: String(repeating: "f", count: 64))
        #expect(ones.map { $0.words == (.max, .max, .max, .max) } == true)
    }

    @Test(arguments: ["", "abc", String(repeating: "0", count: 63), String(repeating: "0", count: 65), String(repeating: "g", count: 64),
                      String(repeating: "0", count: 62) + "é"])
    func refusesAnythingElse(text: String) {
        #expect(ContentDigest(hex: text) == nil)
        #expect(!MultisetHash.isDigest(text))
    }

    @Test func ordersByTheFirstWordFirst() {
        let small = ContentDigest(hex: "0000000000000001" + String(repeating: "f", count: 48))!
        let large = ContentDigest(hex: "0000000000000002" + String(repeating: "0", count: 48))!
        #expect(small < large)
        #expect(!(large < small))
    }
}
