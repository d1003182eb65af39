import Foundation
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct FlatJSONObjectTests {
    static let grantNames = ["id", "clientId", "consentType", "principalId", "resourceId", "scope"]

    static func fast(_ text: String) -> [String?]? {
        FlatJSONObject(names: grantNames).strings(in: Data(text.utf8))
    }

    /// The decoder's reading of the same element, in the fast path's order.
    static func decoded(_ bytes: Data) throws -> [String?] {
        let grant = try JSONInput(name: "e.json", bytes: bytes).decodeAnyCase(GraphOAuth2PermissionGrant.self)
        return [grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, grant.scope]
    }

    @Test func readsGraphsGrantWithNullsPascalCaseAndOtherProperties() {
        #expect(Self.fast(#"{"clientId":"c","consentType":"AllPrincipals","id":"g","principalId":null,"resourceId":"r","scope":" User.Read  Mail.Read"}"#)
            == ["g", "c", "AllPrincipals", nil, "r", " User.Read  Mail.Read"])
        #expect(Self.fast(#" { "Id" : "g" , "Scope":"", "expiryTime": "2026-01-01", "@odata.type": null }  "#)
            == ["g", nil, nil, nil, nil, ""])
        #expect(Self.fast("{}") == [nil, nil, nil, nil, nil, nil])
    }

    @Test(arguments: [
        #"{"id": "a\"b"}"#,                      // an escape
        #"{"id": "é"}"#,                         // beyond ASCII
        "{\"id\": \"a\tb\"}",                    // a control character
        #"{"id": 7}"#,                           // a number
        #"{"id": "g", "other": true}"#,          // true or false
        #"{"id": "g", "other": {"a": "b"}}"#,    // a nested object
        #"{"id": "g", "other": ["a"]}"#,         // a list
        #"{"id": "g", "id": "h"}"#,              // a key twice
        #"{"id": "g", "Id": "h"}"#,              // one property in both cases
        #"{"x": "1", "x": "2"}"#,                // a key twice, not one of the names
        #"{"id" "g"}"#,                          // no colon
        #"{"id": "g",}"#,                        // a trailing comma
        #"{"id": "g"} x"#,                       // bytes after the object
        #"{"id": "g""#,                          // cut short
        #"{"id": nul}"#,                         // a broken literal
        #"["id"]"#,                              // not an object
        "",
    ])
    func declinesWhatItWouldNotReadAsTheDecoderDoes(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    /// Every element of the fixtures' and the sample tenant's grants, and variants of them: where the fast
    /// path reads one, it reads what the decoder reads.
    @Test func agreesWithTheDecoderOnRealGrants() throws {
        var elements: [Data] = []
        for file in [Fixtures.path("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json"),
                     Fixtures.packageRoot.appendingPathComponent("Seeds/sample-tenant/oauth2PermissionGrants-2026-11-08.json").path] {
            let reader = try JSONElementReader(path: file)
            while let element = try reader.next() { elements.append(element.bytes) }
        }
        #expect(elements.count > 10)
        let variants = elements.flatMap { element -> [Data] in
            let text = String(decoding: element, as: UTF8.self)
            return [element,
                    Data(text.replacingOccurrences(of: "\"clientId\"", with: "\"ClientId\"").utf8),
                    Data(text.replacingOccurrences(of: ",", with: " ,\n ").utf8)]
        }
        var fastCount = 0
        for element in variants {
            guard let values = FlatJSONObject(names: Self.grantNames).strings(in: element) else { continue }
            fastCount += 1
            #expect(try values == Self.decoded(element), "\(String(decoding: element, as: UTF8.self))")
        }
        #expect(fastCount == variants.count)
    }
}
