import Foundation
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing
@testable import PermAuditReport

@Suite struct PermissionPageTests {
    static func page(_ name: String) throws -> PermissionPage {
        let database = try AppDatabase.inMemory()
        let files = ["kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
                     "powershell-GraphDelegateRoles-2026-08-19.json", "powershell-GraphAppRoles-2026-08-19.json"]
        _ = try Importer(database: database).importPaths(files.map(Fixtures.path))
        return PermissionPage(permission: name, details: try database.permissionDetails(named: name))
    }

    /// The JSON field names are a contract: scripts read them.
    @Test func jsonContract() throws {
        let json = try Self.page("CallDelegation.ReadWrite").render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["permission", "entries"])
        let entry = try #require((object["entries"] as? [[String: Any]])?.first)
        #expect(Set(entry.keys) == [
            "kind", "resourceAppId", "permissionId", "adminConsent", "adminConsentDisplayName", "adminConsentDescription",
            "userConsentDisplayName", "userConsentDescription", "privilegeLevel", "isEnabled", "authorizationType",
            "sources", "apiPaths",
        ])
        #expect(entry["permissionId"] as? String == "599abf67-f72b-4b5f-98a3-cb38fe646118")
        #expect(entry["kind"] as? String == "delegated")
        #expect(entry["privilegeLevel"] as? Int == 2)
        let consent = try #require(entry["adminConsent"] as? [String: Any])
        #expect(consent["required"] as? Bool == true)
        #expect(consent["decidedBy"] as? String == "servicePrincipal")
        #expect(consent["sourcesDisagree"] as? Bool == true)
        #expect(consent["bySource"] as? [String: Bool] == ["kibali": false, "servicePrincipal": true])
        let paths = try #require(entry["apiPaths"] as? [[String: Any]])
        #expect(paths.count == 14)
        #expect(Set(paths[0].keys) == ["method", "path", "schemes", "leastPrivilegeFor", "alsoRequires"])
    }

    @Test func textPageReadsTopToBottom() throws {
        let text = try Self.page("CallDelegation.ReadWrite").render(.text)
        let expectedStart = """
            CallDelegation.ReadWrite (delegated, Microsoft Graph)
              Read and write delegation settings

              ID                      599abf67-f72b-4b5f-98a3-cb38fe646118
              Admin consent required  yes (according to servicePrincipal, 2026-08-19)
                                      sources disagree: kibali says no, servicePrincipal says yes
              Privilege level         2
              Enabled                 yes
            """
        #expect(text.hasPrefix(expectedStart))
        #expect(text.contains("  API methods and paths (14)\n    GET     /me/communications/callSettings/delegates\n"))
        #expect(text.contains("    POST    /me/communications/callSettings/delegates  [least privileged for DelegatedWork]\n"))
    }

    @Test func aRoleAndAScopeOfOneNameGetAnEntryEach() throws {
        let page = try Self.page("User.Read.All")
        #expect(page.entries.map(\.kind) == ["application", "delegated"])
        #expect(page.render(.markdown).components(separatedBy: "## User.Read.All").count == 3)
    }

    @Test func csvHasOneRowPerPath() throws {
        let lines = try Self.page("CallDelegation.ReadWrite").render(.csv).split(separator: "\r\n")
        #expect(lines.count == 15)
        #expect(lines[0].hasPrefix("permission,kind,resourceAppId,permissionId,requiresAdminConsent"))
    }
}

@Suite struct TabularTests {
    let table = Tabular(columns: ["name", "n"], rows: [[.text("a,\"b\""), .literal("1")], [.text("line\nbreak"), .null]])

    @Test func csvQuotesWhatNeedsIt() {
        #expect(table.render(.csv) == "name,n\r\n\"a,\"\"b\"\"\",1\r\n\"line\nbreak\",\r\n")
    }

    @Test func jsonKeepsColumnOrderAndNulls() {
        #expect(table.render(.json) == "[\n  {\"name\": \"a,\\\"b\\\"\", \"n\": 1},\n  {\"name\": \"line\\nbreak\", \"n\": null}\n]\n")
    }

    @Test func tsvEscapesTabsAndNewlines() {
        #expect(table.render(.tsv) == "name\tn\r\na,\"b\"\t1\r\nline\\nbreak\t\r\n")
    }

    @Test func tableAligns() {
        #expect(table.render(.table) == "name        n\n----------  -\na,\"b\"       1\nline break\n")
    }
}

@Suite struct NameSuggestionsTests {
    @Test func wrongCaseAndTyposFindTheName() {
        let names = ["CallDelegation.Read", "CallDelegation.ReadWrite", "Mail.Read", "User.Read.All"]
        #expect(NameSuggestions.closest(to: "calldelegation.readwrite", among: names, limit: 1) == ["CallDelegation.ReadWrite"])
        #expect(NameSuggestions.closest(to: "Mail.Raed", among: names, limit: 1) == ["Mail.Read"])
    }
}
