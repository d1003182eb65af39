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

    /// Stored path-set hashes were made of the lines sorted as Strings and joined by newlines; the faster way
    /// (bytes, a line at a time) must give the same, for ASCII paths and for text where bytes and Strings sort
    /// apart (a decomposed "é" is equal to the composed one as a String).
    @Test func anApiPathSetsHashIsTheSortedLinesHash() {
        func path(_ method: String, _ path: String, least: String? = nil) -> ApiPathEntry {
            ApiPathEntry(method: method, path: path, schemeKeys: "DelegatedWork", leastPrivilegeSchemes: least, alsoRequires: nil)
        }
        let ascii = [path("POST", "/me/sendMail", least: "DelegatedWork"), path("GET", "/users/{id}"), path("GET", "/Users"),
                     path("GET", "/me"), path("GET", "/me/messages")]
        let text = [path("GET", "/caf\u{E9}"), path("GET", "/cafe\u{301}/x"), path("GET", "/Zeta"), path("GET", "/\u{65E5}"),
                    path("GET", "/caf\u{E9}/a"), path("GET", "/zeta")]
        for paths in [ascii, text, [], [ascii[0]]] {
            let lines = paths.map { ContentEncoding.join([$0.method, $0.path, $0.schemeKeys, $0.leastPrivilegeSchemes, $0.alsoRequires]) }
            #expect(ApiPathEntry.contentHash(paths) == SHA256.hex(lines.sorted().joined(separator: "\n")))
            #expect(ApiPathEntry.contentHash(paths.reversed()) == ApiPathEntry.contentHash(paths))
        }
        // Worked out apart, in Python: sha256 of the sorted lines joined by newlines.
        #expect(ApiPathEntry.contentHash(ascii) == "08cdbac48ce16826ffa1d23cfdb907370d162c256caced98401300e534f1b7bf")
    }
}
