@testable import PermAuditStore
import Testing

/// HeldIds keeps a 32-bit hash of each id: among 300,000 ids some ten pairs share a hash (the chance that
/// none does is 3 in 100,000), so the exact path for ids whose hash another id had is taken as well.
@Suite struct HeldIdsTests {
    @Test func everyIdIsFoundWithItsVersionAndNoOtherIs() throws {
        let ids = (0..<300_000).map { "0000\($0)-5f3e-a8a8-d5391af3d878" }
        var held = HeldIds(expected: 1000)
        var stored: [Int64: String] = [:]
        var foundBeforeHeld = 0
        for (index, id) in ids.enumerated() {
            let version = Int64(index + 1)
            if held.version(of: id, storedId: { stored[$0] ?? "" }) != nil { foundBeforeHeld += 1 }
            try held.hold(id, version: version)
            stored[version] = id
        }
        #expect(foundBeforeHeld == 0)
        let misread = ids.indices.filter { held.version(of: ids[$0], storedId: { stored[$0] ?? "" }) != Int64($0 + 1) }
        #expect(misread.isEmpty)
        let strangers = (0..<20_000).filter { held.version(of: "other-\($0)", storedId: { stored[$0] ?? "" }) != nil }
        #expect(strangers.isEmpty)
    }
}
