@testable import PermAuditStore
import Testing

/// The content line a tenant version's hash is taken of: each field as its UTF-8 length, a colon and its
/// bytes, a missing one as "-". Stored hashes depend on it byte for byte, so it is pinned here.
@Suite struct ContentEncodingTests {
    @Test func fieldsAreLengthPrefixedAndMissingOnesADash() {
        #expect(ContentEncoding.join(["grant", nil, "é", "", "123456789012"]) == "5:grant-2:é0:12:123456789012")
        #expect(ContentEncoding.bytes(["grant", nil, "é"]) == Array("5:grant-2:é".utf8))
        #expect(ContentEncoding.bytes([]) == [])
        for length in [9, 10, 99, 100, 1000, 10_009] {
            #expect(ContentEncoding.join([String(repeating: "a", count: length)]) == "\(length):" + String(repeating: "a", count: length))
        }
    }

    @Test func aGrantsContentHashIsPinned() {
        let user = TenantGrant(id: "g1", clientId: "client-1", consentType: "Principal", principalId: "user-1", resourceId: "graph",
                               scope: " User.Read  Mail.Read")
        #expect(TenantRecord(.grant(user)).contentHash == "a2d6fa8991524710ac64a7efd4497ef06fbb74fa47f4196f36a90dff9897f5c8")
        let tenantWide = TenantGrant(id: "g2", clientId: "client-1", consentType: "AllPrincipals", principalId: nil, resourceId: "graph",
                                     scope: "Ünïcode.Read 日本語")
        #expect(TenantRecord(.grant(tenantWide)).contentHash == "cbdbca64c8f19ff0dabf0663e8fb149e8ed0173a0762030b8a59cd50e6fdabbe")
    }
}
