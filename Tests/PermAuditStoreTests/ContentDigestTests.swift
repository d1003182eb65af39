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

    /// The digest made from SHA-256's bytes is the one its hex text reads as, and writes that text back.
    @Test func bytesAndHexAgree() {
        for text in ["", "grant", "5:grant-2:é", String(repeating: "x", count: 1000)] {
            var hasher = SHA256()
            hasher.update(text)
            let digest = hasher.finalizeDigest()
            #expect(digest == ContentDigest(hex: SHA256.hex(text)))
            #expect(digest.hex == SHA256.hex(text))
        }
    }

    /// Digests sort as their hex texts do, whichever word differs, and are equal only when every word is.
    @Test func ordersAsTheirHexTexts() {
        let texts = (0..<4).flatMap { word in
            ["0", "7", "8", "f"].map { digit in
                String(repeating: "5", count: word * 16) + digit + String(repeating: "5", count: 63 - word * 16)
            }
        }
        let digests = texts.map { ContentDigest(hex: $0)! }
        for (a, textA) in zip(digests, texts) {
            for (b, textB) in zip(digests, texts) {
                #expect((a < b) == (textA < textB))
                #expect((a == b) == (textA == textB))
            }
        }
    }
}
