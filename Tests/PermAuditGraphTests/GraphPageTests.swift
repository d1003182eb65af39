import Foundation
@testable import PermAuditGraph
import PermAuditTestSupport
import Testing

/// A page is read in one pass over its bytes (no objects built): it must agree with a full JSON parse, and
/// refuse what is not one whole JSON object.
@Suite struct GraphPageTests {
    /// The pages of the sample tenant and of Graph's documentation examples, as Graph sends them.
    private static func pages() throws -> [Data] {
        let sample = Fixtures.packageRoot.appendingPathComponent("Seeds/sample-tenant")
        return try ["servicePrincipals-2026-11-08.json", "oauth2PermissionGrants-2026-11-08.json", "appRoleAssignments-2026-11-08.json",
                    "organization-2026-11-08.json"].map { try Data(contentsOf: sample.appendingPathComponent($0)) }
            + [try Fixtures.data("tenant-graphdocs/servicePrincipals-2026-11-01.json")]
    }

    @Test func agreesWithAFullParseOnRealPages() throws {
        for body in try Self.pages() {
            let page = try #require(GraphPage(body: body))
            let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            let value = try #require(object["value"] as? [[String: Any]])
            #expect(page.itemCount == value.count)
            #expect(page.ids == value.compactMap { $0["id"] as? String })
            #expect(page.nextLink == nil)
        }
    }

    @Test func readsTheLinkTheCountAndEscapedText() throws {
        let body = #"""
            { "@odata.count" : 3, "value": [ {"appRoles": [{"id": "nested"}], "id": "a\u0062c", "x": [1, -2.5e3, true, null]},
              {"id":"d"}, 7 ], "@odata.nextLink": "https:\/\/graph.microsoft.com\/v1.0\/x?$skiptoken=Y" }
            """#
        let page = try #require(GraphPage(body: Data(body.utf8)))
        #expect(page.ids == ["abc", "d"])
        #expect(page.itemCount == 3)
        #expect(page.count == 3)
        #expect(page.nextLink?.absoluteString == "https://graph.microsoft.com/v1.0/x?$skiptoken=Y")
    }

    @Test(arguments: [
        #"{"value": [{"id": "a"}, {"id": "b"#,               // cut mid-page
        "<html><body>502 Bad Gateway</body></html>",          // a proxy's page
        #"{"error": {"code": "x", "message": "y"}}"#,         // an error, not a page
        #"{"value": {"id": "a"}}"#,                           // value not a list
        #"{"value": [], "@odata.nextLink": 5}"#,              // a link that is not text
        #"{"value": []} {"value": []}"#,                      // two values
        #"{"value": ["a"\#u{01}]}"#,                          // a control character outside a string
        #"{"@odata.context": "x"}"#,                          // no value
        "",
    ])
    func refusesWhatIsNotOneGraphPage(_ text: String) {
        #expect(GraphPage(body: Data(text.utf8)) == nil)
    }
}
