@testable import PermAuditStore
import Testing

@Suite struct DigestTableTests {
    static func digest(_ words: (UInt64, UInt64, UInt64, UInt64)) -> ContentDigest { ContentDigest(words: words) }

    @Test func findsEveryStoredDigestAtItsPositionAndNoOther() {
        var generator = SystemRandomNumberGenerator()
        let digests = (0..<5000).map { _ in Self.digest((generator.next(), generator.next(), generator.next(), generator.next())) }
        let table = DigestTable(digests)
        for (position, digest) in digests.enumerated() {
            #expect(table.position(of: digest, in: digests) == position)
        }
        let absent = (0..<1000).map { _ in Self.digest((generator.next(), generator.next(), generator.next(), generator.next())) }
        #expect(absent.allSatisfy { table.position(of: $0, in: digests) == nil })
    }

    /// Digests that share their first word share a slot: each is still found by its whole digest.
    @Test func digestsWithOneFirstWordAreToldApartByTheRest() {
        let digests = (0..<300).map { Self.digest((7, UInt64($0), 0, UInt64($0) * 3)) }
        let table = DigestTable(digests)
        for (position, digest) in digests.enumerated() {
            #expect(table.position(of: digest, in: digests) == position)
        }
        #expect(table.position(of: Self.digest((7, 1, 0, 4)), in: digests) == nil)
        #expect(table.position(of: Self.digest((8, 1, 0, 3)), in: digests) == nil)
    }

    @Test func anEmptyTableFindsNothing() {
        #expect(DigestTable([]).position(of: Self.digest((1, 2, 3, 4)), in: []) == nil)
    }
}
