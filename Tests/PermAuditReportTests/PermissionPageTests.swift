import Foundation
import PermAuditStore
import PermAuditSync
import PermAuditTestSupport
import Testing
@testable import PermAuditReport

@Suite struct PermissionPageTests {
    /// The fixture catalog with a real cut of Graph's metadata (the call type and its neighbours).
    static let database = Result {
        let database = try AppDatabase.inMemory()
        let files = ["kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
                     "powershell-GraphDelegateRoles-2026-08-19.json", "powershell-GraphAppRoles-2026-08-19.json",
                     "csdl/graph-v1.0-call-cut-2023-05-09.xml"]
        _ = try Importer(database: database).importPaths(files.map(Fixtures.path))
        return database
    }

    static func page(_ name: String, propertyLimit: Int? = 15) throws -> PermissionPage {
        try PermissionPage.load(from: database.get(), named: name, propertyLimit: propertyLimit)
    }

    /// A type's properties are the `resourceProperty` view's rows for it, read with the lineage started at
    /// that type: for every type of the metadata cut, in the page's order.
    @Test func resourcePropertiesAreTheViewsRows() throws {
        let database = try Self.database.get()
        let types = try database.query("SELECT DISTINCT resourceType FROM resourceProperty ORDER BY 1").rows.compactMap { row -> String? in
            if case .text(let type) = row[0] { type } else { nil }
        }
        #expect(types.contains("microsoft.graph.call"), "\(types)")
        for type in types {
            let view = try database.query("""
                SELECT name, kind, type, isCollection, nullable, declaringType, depth, description, descriptionAsOf
                FROM resourceProperty WHERE resourceType = :type ORDER BY kind = 'navigationProperty', depth DESC, position
                """, parameters: ["type": type]).rows
            let read = try database.resourceProperties(of: type).map { p -> [SQLValue] in
                [.text(p.name), .text(p.kind), .text(p.type), .integer(p.isCollection ? 1 : 0), p.nullable.map { .integer($0 ? 1 : 0) } ?? .null,
                 .text(p.declaringType), .integer(Int64(p.depth)), p.description.map(SQLValue.text) ?? .null, p.descriptionAsOf.map(SQLValue.text) ?? .null]
            }
            #expect(read == view, "\(type)")
        }
    }

    /// The JSON field names are a contract: scripts read them.
    @Test func jsonContract() throws {
        let json = try Self.page("CallDelegation.ReadWrite").render(.json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["permission", "metadataAsOf", "entries"])
        #expect(object["metadataAsOf"] as? String == "2023-05-09")
        let entry = try #require((object["entries"] as? [[String: Any]])?.first)
        #expect(Set(entry.keys) == [
            "kind", "resourceAppId", "permissionId", "adminConsent", "adminConsentDisplayName", "adminConsentDescription",
            "userConsentDisplayName", "userConsentDescription", "privilegeLevel", "isEnabled", "authorizationType",
            "sources", "apiPaths", "methods", "resources", "unresolvedPaths", "holders", "tokenExamples", "registrationSteps",
        ])
        // A value no source gives is written as null, not left out.
        let sources = try #require(entry["sources"] as? [[String: Any]])
        #expect(sources.allSatisfy { Set($0.keys) == ["source", "asOf", "scheme", "permissionId", "requiresAdminConsent", "type", "privilegeLevel", "isEnabled"] })
        #expect(sources.contains { $0["privilegeLevel"] is NSNull })
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
        #expect(Set(paths[0].keys) == ["method", "path", "apiVersion", "schemes", "leastPrivilegeFor", "alsoRequires"])
        #expect(paths.allSatisfy { $0["apiVersion"] as? String == "v1.0" })
        // CSDL's Nullable defaults to true: never null.
        #expect(!json.contains("\"nullable\":null"))
    }

    @Test func textPageReadsTopToBottom() throws {
        let text = try Self.page("CallDelegation.ReadWrite").render(OutputStyle(.table, width: 200))
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
        #expect(text.contains("  API methods and paths, v1.0 (14)\n    GET     /me/communications/callSettings/delegates\n"))
        #expect(text.contains("  API methods and paths, beta (0)\n    No API methods available for this version.\n"))
        #expect(text.contains("    POST    /me/communications/callSettings/delegates  [least privileged for DelegatedWork]\n"))
    }

    /// The text page fits the terminal: lines wrap under their last column, and a narrow page holds exactly
    /// the characters of a wide one (nothing cut).
    @Test(arguments: [40, 60, 100]) func textPageFitsTheWidth(width: Int) throws {
        let page = try Self.page("Calls.JoinGroupCallAsGuest.All")
        let narrow = try page.render(OutputStyle(.table, width: width))
        let wide = try page.render(OutputStyle(.table, width: 1000))
        // Code is never wrapped: it must paste as it is.
        let code = try page.entries.flatMap { $0.tokenExamples.flatMap { $0.code.split(separator: "\n").map { "      " + $0 } } }
        #expect(narrow.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= width || code.contains(String($0)) })
        #expect(code.allSatisfy { narrow.contains($0 + "\n") })
        #expect(narrow.filter { !$0.isWhitespace } == wide.filter { !$0.isWhitespace })
        #expect(narrow != wide)
    }

    /// A break never leaves a workflow command (`::`) at the start of a line.
    @Test func aWrappedLineNeverStartsACommand() {
        let lines = PageLine("    name  ::error::pwned ::set-env name=X", hang: 10).fitted(to: 30)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { !$0.drop(while: \.isWhitespace).hasPrefix("::") })
        #expect(lines[0].hasPrefix("    name  "))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 10)) })
    }

    @Test func aRoleAndAScopeOfOneNameGetAnEntryEach() throws {
        let page = try Self.page("User.Read.All")
        #expect(page.entries.map(\.kind) == ["application", "delegated"])
        #expect(try page.render(.markdown).components(separatedBy: "## User.Read.All").count == 3)
    }

    /// The resources come from the metadata: paths resolved to types, properties with the declaring type.
    @Test func resourcesAndTheirPropertiesComeFromTheMetadata() throws {
        let entry = try #require(try Self.page("Calls.JoinGroupCallAsGuest.All").entries.first)
        // The cut defines call but not contentSharingSession: the paths still reach it, by name.
        #expect(entry.resources.map(\.type) == ["contentSharingSession", "call"])
        #expect(entry.resources[0].kind == nil && entry.resources[0].propertyCount == 0)
        let call = try #require(entry.resources.last)
        #expect(call.kind == "entityType" && call.baseType == "entity")
        #expect(call.pathCount == 1 && call.methods == ["POST"])
        #expect(call.propertyCount == 25 && call.properties.count == 15)
        #expect(call.properties[0] == .init(name: "id", type: "Edm.String", isNavigation: false, nullable: false, declaredBy: "entity",
                                           description: "The unique idenfier for an entity. Read-only.", descriptionAsOf: nil))
        #expect(call.properties.first { $0.name == "callRoutes" }?.type == "Collection(callRoute)")
        // The other paths (bound actions the cut does not have) are listed, not dropped.
        #expect(entry.unresolvedPaths.count == 6)
        #expect(entry.unresolvedPaths.first { $0.path == "/communications/calls/{id}/answer" }?.problem
            == "no property, navigation property or bound operation of call is named answer")
        let all = try #require(try Self.page("Calls.JoinGroupCallAsGuest.All", propertyLimit: nil).entries.first?.resources.last)
        #expect(all.properties.count == 25)
        #expect(all.properties.suffix(4).allSatisfy { $0.isNavigation })
        let text = try Self.page("Calls.JoinGroupCallAsGuest.All").render(OutputStyle(.table, width: 200))
        #expect(text.contains("    call (entityType, derived from entity; 1 path: POST)\n      Properties (showing 15 of 25)\n"
            + "        Name                 Type                   Nullable  Description\n"))
        #expect(text.contains("        callRoutes           Collection(callRoute)  Yes       The routing information on how the call was retargeted. Read-only.\n"))
        #expect(text.contains("        callbackUri          Edm.String             No        The callback URL"))
        #expect(call.properties.first { $0.name == "callRoutes" }?.nullable == true)
    }

    @Test func methodsAreGroupedInDocumentationOrder() throws {
        let entry = try #require(try Self.page("CallDelegation.ReadWrite").entries.first)
        #expect(entry.methods.map(\.method) == ["GET", "POST", "PATCH", "DELETE"])
        #expect(entry.methods.reduce(0) { $0 + $1.paths.count } == entry.apiPaths.count)
    }

    /// Delegated: an interactive sign-in asking for the scope; application: client credentials with .default.
    @Test func tokenExamplesAndRegistrationStepsFollowTheKind() throws {
        let delegated = try #require(try Self.page("CallDelegation.ReadWrite").entries.first)
        #expect(delegated.tokenExamples.map(\.language) == ["C#", "JavaScript/TypeScript", "PowerShell", "Python"])
        #expect(delegated.tokenExamples.allSatisfy { $0.code.contains("CallDelegation.ReadWrite") })
        #expect(delegated.tokenExamples[0].code.contains("InteractiveBrowserCredential"))
        #expect(delegated.tokenExamples[3].code.contains(#"get_token("https://graph.microsoft.com/CallDelegation.ReadWrite")"#))
        #expect(delegated.registrationSteps.contains { $0.contains("Delegated permissions, select CallDelegation.ReadWrite") })
        #expect(delegated.registrationSteps.contains { $0.contains("--api-permissions 599abf67-f72b-4b5f-98a3-cb38fe646118=Scope") })
        #expect(delegated.registrationSteps.last?.hasPrefix("This scope requires admin consent") == true)
        let application = try #require(try Self.page("User.Read.All").entries.first { $0.kind == "application" })
        #expect(application.tokenExamples.allSatisfy { !$0.code.contains("User.Read.All") })
        #expect(application.tokenExamples[2].code.contains("-ClientSecretCredential"))
        #expect(application.tokenExamples[3].code.contains(#"get_token("https://graph.microsoft.com/.default")"#))
        #expect(application.registrationSteps.contains { $0.hasSuffix("=Role") })
        #expect(application.registrationSteps.last?.hasPrefix("Application permissions always need admin consent") == true)
        let userRead = try #require(try Self.page("User.Read").entries.first)
        #expect(userRead.registrationSteps.last?.hasPrefix("Admin consent is not required") == true)
    }

    /// A path only an imported beta $metadata resolves is a beta path (and no longer an unresolved one); the
    /// rest stay v1.0.
    @Test func pathsAreListedPerApiVersion() throws {
        let database = try AppDatabase.inMemory()
        let files = ["kibali-permissions-2026-08-07.json", "kibali-provisioningInfo-2026-08-07.json",
                     "csdl/graph-v1.0-call-cut-2023-05-09.xml", "csdl/graph-beta-call-answer-2023-05-10.xml"]
        _ = try Importer(database: database).importPaths(files.map(Fixtures.path))
        let page = try PermissionPage.load(from: database, named: "Calls.JoinGroupCallAsGuest.All")
        let entry = try #require(page.entries.first)
        #expect(entry.apiPaths(version: "beta").map(\.path) == ["/communications/calls/57dab8b1894c409ab240bd8beae78896/answer",
                                                                "/communications/calls/{id}/answer"])
        #expect(entry.apiPaths(version: "v1.0").count == 7)
        #expect(!entry.unresolvedPaths.contains { $0.path.hasPrefix("/communications/calls/") && $0.path.hasSuffix("/answer") })
        let text = try page.render(OutputStyle(.table, width: 200))
        #expect(text.contains("  API methods and paths, beta (2)\n    POST  /communications/calls/57dab8b1894c409ab240bd8beae78896/answer\n"))
        #expect(try page.render(.csv).contains(",POST,/communications/calls/{id}/answer,,,,,beta\r\n"))
    }

    /// Each example gets a token and calls a path the permission is least privileged for under its kind, a GET
    /// the metadata knows when there is one; the install line names what the call needs.
    @Test func tokenExamplesCallOneOfThePermissionsOwnPaths() throws {
        let application = try #require(try Self.page("Calls.JoinGroupCallAsGuest.All").entries.first)
        let url = "https://graph.microsoft.com/v1.0/communications/calls/{id}/contentsharingsessions"
        #expect(application.apiPaths.contains { "https://graph.microsoft.com/v1.0" + $0.path == url && $0.leastPrivilegeFor == ["Application"] })
        #expect(application.tokenExamples.count == 4)
        #expect(application.tokenExamples.allSatisfy { $0.code.contains(url) && $0.code.contains("GET") })
        #expect(application.tokenExamples[2].code.contains("Invoke-MgGraphRequest -Method GET -Uri '\(url)'"))
        #expect(application.tokenExamples[3].code.hasPrefix("# pip install azure-identity requests\n"))
        let delegated = try #require(try Self.page("CallDelegation.ReadWrite").entries.first)
        let called = try #require(delegated.tokenExamples.first?.code.split(separator: "\n").first { $0.hasPrefix("// ") && $0.contains("https://") })
        let calledURL = called.split(separator: " ")[2]
        #expect(delegated.apiPaths.contains { calledURL == "https://graph.microsoft.com/v1.0" + $0.path && $0.leastPrivilegeFor.contains("DelegatedWork") })
        // A name that is not safe inside code gets no example at all, so no call either.
        #expect(TokenExample.all(permission: "X\"); rm -rf /", kind: .delegated, resourceAppId: TokenExample.graphAppId,
                                 paths: delegated.apiPaths, unresolved: []).isEmpty)
    }

    /// The `*` before a description from an older metadata document is explained in every format.
    @Test func theOlderDescriptionMarkIsExplainedInEveryFormat() throws {
        var page = try Self.page("Calls.JoinGroupCallAsGuest.All")
        let call = try #require(page.entries[0].resources.firstIndex { $0.type == "call" })
        page.entries[0].resources[call].properties[1].descriptionAsOf = "2021-01-01"
        let note = "* The description is from an older metadata document (2021-01-01): the current one gives none."
        #expect(try page.render(OutputStyle(.table, width: 300)).contains("      " + note + "\n"))
        #expect(try page.render(.markdown).contains("\n" + SafeText.markdown(note) + "\n"))
        #expect(try page.render(.csv).contains(",Edm.String,The callback URL on which callbacks will be delivered. Must be https.,false,2021-01-01,\r\n"))
        #expect(try page.render(.json).contains("\"descriptionAsOf\":\"2021-01-01\""))
    }

    /// Every section in every format.
    @Test func everyFormatHasEverySection() throws {
        let page = try Self.page("Calls.JoinGroupCallAsGuest.All")
        let text = try page.render(OutputStyle(.table, width: 200))
        for heading in ["API methods and paths, v1.0 (9)", "Resources reached (2, from the v1.0 metadata of 2023-05-09)",
                        "6 paths reach no type in this metadata:", "    contentSharingSession (not defined in this metadata; 2 paths: GET)\n    call", "Held by: no app", "Get a token with this permission",
                        "Add it to an app registration"] {
            #expect(text.contains(heading), "text: \(heading)")
        }
        let markdown = try page.render(.markdown)
        for heading in ["### API methods and paths, v1.0 (9)", "### API methods and paths, beta (0)\n\nNo API methods available for this version.",
                        "### Resources reached (2, v1.0 metadata of 2023-05-09)", "#### call", "| callRoutes | Collection(callRoute) | Yes |",
                        "### Held by (0)", "```csharp", "```python", "### Add it to an app registration"] {
            #expect(markdown.contains(heading), "markdown: \(heading)")
        }
        let csv = try page.render(.csv)
        let sections = Set(csv.split(separator: "\r\n").dropFirst().compactMap { $0.split(separator: ",").dropFirst(4).first }.map(String.init))
        #expect(sections.isSuperset(of: ["fact", "apiPath", "resource", "property", "unresolvedPath", "tokenExample", "registrationStep"]))
        #expect(csv.hasPrefix("permission,kind,resourceAppId,permissionId,section,name,value,resource,method,path,type,description,"
            + "nullable,descriptionAsOf,apiVersion\r\n"))
        #expect(csv.contains(",property,callRoutes,call,call,,,Collection(callRoute),The routing information on how the call was retargeted. Read-only.,true,,\r\n"))
        #expect(csv.contains(",apiPath,,[least privileged for Application],,GET,/communications/calls/{id}/contentsharingsessions,,,,,v1.0\r\n"))
    }
}

@Suite struct TabularTests {
    let table = Tabular(columns: ["name", "n"], rows: [[.text("a,\"b\""), .literal("1")], [.text("line\nbreak"), .null]])

    @Test func csvQuotesWhatNeedsIt() {
        #expect(table.render(.csv) == "name,n\r\n\"a,\"\"b\"\"\",1\r\nline\\u000abreak,\r\n")
        #expect(table.render(OutputStyle(.csv, rawCells: true)) == "name,n\r\n\"a,\"\"b\"\"\",1\r\n\"line\nbreak\",\r\n")
    }

    @Test func jsonKeepsColumnOrderAndNulls() {
        #expect(table.render(.json) == "[\n  {\"name\": \"a,\\\"b\\\"\", \"n\": 1},\n  {\"name\": \"line\\nbreak\", \"n\": null}\n]\n")
    }

    @Test func tsvEscapesTabsAndNewlines() {
        #expect(table.render(.tsv) == "name\tn\r\na,\"b\"\t1\r\nline\\nbreak\t\r\n")
    }

    @Test func tableAligns() {
        #expect(table.render(.table) == "name              n\n----------------  -\na,\"b\"             1\n!line\\u000abreak\n\n! " + TabularLines.flagKey + "\n")
    }
}

@Suite struct NameSuggestionsTests {
    @Test func wrongCaseAndTyposFindTheName() {
        let names = ["CallDelegation.Read", "CallDelegation.ReadWrite", "Mail.Read", "User.Read.All"]
        #expect(NameSuggestions.closest(to: "calldelegation.readwrite", among: names, limit: 1) == ["CallDelegation.ReadWrite"])
        #expect(NameSuggestions.closest(to: "Mail.Raed", among: names, limit: 1) == ["Mail.Read"])
    }
}
