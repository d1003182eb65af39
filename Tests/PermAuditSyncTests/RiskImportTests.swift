import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct RiskImportTests {
    static func importing(_ names: [String], into database: AppDatabase? = nil) throws -> (AppDatabase, ImportReport) {
        let database = try database ?? CatalogImportTests.importing(CatalogImportTests.currentFiles).0
        let report = try Importer(database: database).importPaths(names.map { Fixtures.path("risk/" + $0) })
        return (database, report)
    }

    static func riskListCount(_ database: AppDatabase) throws -> Int64? {
        try database.query("SELECT count(*) FROM riskList").rows.first?.first.flatMap { if case .integer(let n) = $0 { n } else { nil } }
    }

    @Test func entraOpsIsKeyedByResourceKindAndNameWithAllMeaningBothKinds() throws {
        let (database, report) = try Self.importing(["entraops-classification-approles-2026-03-08.json"])
        #expect(report.risk.map(\.source) == [.entraOps])
        #expect(report.risk[0].asOf == "2026-03-08")
        let entries = try #require(try database.currentRisk().entries[.entraOps])
        // 7 Application names, 1 Delegation name, 2 "All" names counted once per kind.
        #expect(entries.count == 12)
        let userReadAll = entries.filter { $0.permission == "User.Read.All" }
        #expect(Set(userReadAll.map(\.kind)) == [.delegated, .application])
        #expect(userReadAll.allSatisfy { $0.tier == 2 && $0.resourceAppId == WellKnownApp.microsoftGraph })
        let roleManagement = try #require(entries.first { $0.permission == "RoleManagement.ReadWrite.Directory" })
        #expect(roleManagement.kind == .application && roleManagement.tier == 0)
        #expect(roleManagement.location == "$[0].TierLevelDefinition[1].RoleDefinitionActions[0]")
        #expect(entries.filter { $0.permission == "User.Read" }.map(\.kind) == [.delegated])
    }

    @Test func msIdentityToolsKeepsAndNamesWhatTheCatalogDoesNotKnow() throws {
        let (database, report) = try Self.importing(["msidentitytools-aadconsentgrantpermissiontable-2024-01-31.csv"])
        let outcome = try #require(report.risk.first)
        #expect(outcome.source == .msIdentityTools && outcome.entryCount == 13 && outcome.created)
        // The fixture catalog has no Mail*, Files, Sites or user_impersonation: kept, and named.
        #expect(outcome.notInCatalog.contains("user_impersonation (delegated)"))
        #expect(!outcome.notInCatalog.contains("User.Read (delegated)"))
        let entries = try #require(try database.currentRisk().entries[.msIdentityTools])
        #expect(entries.count == 13)
        #expect(entries[0] == RiskEntry(location: "line 2", resourceAppId: nil, kind: .delegated, permission: "Mail.ReadBasic",
                                        level: .medium, category: "DataExfiltration"))
    }

    @Test func azureTieringIsKeyedByRoleIdOnGraph() throws {
        let (database, _) = try Self.importing(["tiers-own-sample-2025-10-30.json"])
        let entries = try #require(try database.currentRisk().entries[.azureTiering])
        #expect(entries.map(\.tier) == [0, 0, 1, 2])
        #expect(entries.allSatisfy { $0.kind == .application && $0.resourceAppId == WellKnownApp.microsoftGraph })
        #expect(entries[3].permissionId == "df021288-bdef-4463-88db-98f22de89214")
    }

    /// The upstream 2025-10-30 file lacks one comma between two list elements; ours reproduces the defect.
    @Test func theBrokenTieringFileIsRefusedWithItsLineAndNothingIsWritten() throws {
        let (database, _) = try Self.importing(["tiers-own-sample-2025-10-30.json"])
        #expect(throws: ImportError(file: Fixtures.path("risk/tiers-own-broken-2025-10-30.json"), location: "line 29, column 5",
                                    problem: "not valid JSON: expected ',' or ']', found '{'; a comma is missing before it")) {
            try Self.importing(["entraops-classification-approles-2026-03-08.json", "tiers-own-broken-2025-10-30.json"], into: database)
        }
        #expect(try Self.riskListCount(database) == 1)
    }

    @Test func theYAMLAndJSONPoliciesAreTheSameContent() throws {
        let (database, first) = try Self.importing(["policy-example.yaml"])
        let (_, second) = try Self.importing(["policy-example.json"], into: database)
        #expect(first.risk[0].created && !second.risk[0].created)
        #expect(first.risk[0].listId == second.risk[0].listId)
        let policy = try database.currentRisk().policy
        #expect(policy.rules.count == 3)
        #expect(policy.rules[0] == PolicyRule(location: "rules[0]", permission: "Directory.ReadWrite.*", level: .critical, tier: 0,
                                              reason: "A path to Global Administrator"))
        #expect(policy.rules[2].resourceAppId == WellKnownApp.microsoftGraph)
        #expect(policy.exceptions == [PolicyException(
            location: "exceptions[0]", app: "815ecd63-a35e-5cfb-8c46-30f1dcf8b5bf", permission: "Directory.ReadWrite.All", kind: .delegated,
            reason: "Phishing simulation vendor, contract CT-2026-114", owner: "secops@contoso.example", expires: "2026-12-31")])
    }

    @Test(arguments: [
        ("p.json", #"{"rules": [{"permision": "Mail.*", "level": "high"}]}"#,
         "p.json: $.rules[0].permision: unknown property \"permision\"; expected permission, kind, resource, publisher, level, tier, reason"),
        ("p.json", #"{"rules": [{"permission": "Mail.*"}]}"#, "p.json: $.rules[0]: a rule sets a level or a tier (or both)"),
        ("p.json", #"{"rules": [{"level": "severe"}]}"#, "p.json: $.rules[0].level: expected low, medium, high, critical, found \"severe\""),
        ("p.json", #"{"rules": [{"tier": 3}]}"#, "p.json: $.rules[0].tier: expected a tier 0, 1 or 2, found 3"),
        ("p.json", #"{"exceptions": [{"app": "a", "permission": "p", "reason": "r", "owner": "o", "expires": "2026-02-30"}]}"#,
         "p.json: $.exceptions[0].expires: expected a date written YYYY-MM-DD, found \"2026-02-30\""),
        ("p.json", #"{"exceptions": [{"app": "a", "permission": "p", "reason": "r", "expires": "2026-12-31"}]}"#,
         "p.json: $.exceptions[0]: missing required property \"owner\""),
        ("p.yaml", "rules:\n  - permission: Mail.*\n\tlevel: high\n", "p.yaml: line 3, column 1: a tab in the indentation; indent with spaces"),
        ("p.yaml", "rules:\n  - permission: &m Mail.*\n    level: high\n",
         "p.yaml: line 2, column 17: anchors, aliases, tags, multi-line and {flow} values are not supported in a policy file; write the value on one line, quoted if needed"),
        ("p.yaml", "rules:\n  - level: high\n    level: low\n", "p.yaml: line 3, column 5: the key \"level\" appears twice in this mapping"),
        ("p.yaml", "exceptions:\n  - app: a\n      permission: p\n", "p.yaml: line 3, column 7: unexpected indentation; expected a key at column 1"),
        ("p.yaml", "rules:\n  - permission: Mail.*\n    tier: 01\n",
         "p.yaml: line 3, column 11: 01 is not a number permaudit reads (no leading zero, at most 19 digits); quote it if you mean text"),
        ("p.yaml", "rules:\n  - permission: Mail.*\n    tier: 99999999999999999999\n",
         "p.yaml: line 3, column 11: 99999999999999999999 is not a number permaudit reads (no leading zero, at most 19 digits); quote it if you mean text"),
        ("p.yaml", "rules:\n  - permission: Mail.*\n    tier: \"0\"\n", "p.yaml: $.rules[0].tier: expected a whole number: Expected to decode Int but found a string instead."),
        // A .yaml file is a policy whatever its first line says.
        ("p.yaml", "Rules:\n  - permission: Mail.*\n    level: high\n", "p.yaml: $.Rules: unknown property \"Rules\"; expected rules, exceptions"),
        ("p.yml", "version: 1\nrules: []\n", "p.yml: $.version: unknown property \"version\"; expected rules, exceptions"),
        // A name pattern is bounded: the matcher is given nothing long.
        ("p.json", #"{"rules": [{"permission": "A*", "tier": 0}, {"permission": "B*", "tier": 0}, {"permission": "C*", "tier": 0}, "#
            + #"{"permission": "\#(String(repeating: "*a", count: 25_000))", "tier": 1}]}"#,
         "p.json: $.rules[3].permission: a name pattern of 50000 characters; at most 256"),
        ("p.yaml", "rules:\n  - permission: '\(String(repeating: "*.", count: 129))'\n    level: high\n",
         "p.yaml: $.rules[0].permission: a name pattern of 258 characters; at most 256"),
        // Nesting is refused early, as YAML, with where it goes too deep: 100,000 [ took a minute and 718 MB.
        ("p.yaml", "rules: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n",
         "p.yaml: line 1, column 72: YAML nested more than 64 levels deep; a policy needs three"),
        ("p.yaml", "rules:\n" + (1...70).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + "\n",
         "p.yaml: line 65, column 65: YAML nested more than 64 levels deep; a policy needs three"),
        ("t.csv", "Type,Permission,Privilege,Reason\nDelegated,Mail,Severe,x\n", "t.csv: line 2: Privilege: expected High, Medium or Low, found \"Severe\""),
        ("t.csv", "Type,Permission,Privilege,Reason\nBoth,Mail,High,x\n", "t.csv: line 2: Type: expected Delegated or Application, found \"Both\""),
    ])
    func aBadRiskFileIsOneLineAndChangesNothing(name: String, content: String, message: String) throws {
        let database = try AppDatabase.inMemory()
        let folder = try Fixtures.temporaryDirectory()
        let path = folder.appendingPathComponent(name).path
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Importer(database: database).importPaths([path])
            Issue.record("imported \(name)")
        } catch let error as ImportError {
            #expect(error.description == folder.path + "/" + message)
        }
        #expect(try Self.riskListCount(database) == 0)
    }

    @Test func yamlSubsetReadsListsQuotesCommentsAndFlowLists() throws {
        let yaml = """
            ---
            # comment
            rules:
            - permission: 'It''s.*'   # a comment after a value
              kind: application
              level: "high"
              reason: "a # inside quotes"
            exceptions: []
            """
        let json = try PolicyYAML.json(yaml, file: "p.yaml")
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let rule = try #require((object["rules"] as? [[String: Any]])?.first)
        #expect(rule["permission"] as? String == "It's.*")
        #expect(rule["level"] as? String == "high")
        #expect(rule["reason"] as? String == "a # inside quotes")
        #expect((object["exceptions"] as? [Any])?.isEmpty == true)
    }

    /// A YAML directive and the document marker come before the policy.
    @Test func aYAMLDirectiveIsRead() throws {
        let json = try PolicyYAML.json("%YAML 1.2\n---\nrules:\n  - permission: Mail.*\n    tier: 0\n", file: "p.yaml")
        #expect(String(decoding: json, as: UTF8.self) == #"{"rules":[{"permission":"Mail.*","tier":0}]}"#)
    }

    /// In a directory, a .yaml file is a policy: one that does not parse fails the import, naming it (never left out
    /// silently, which would leave the gate without it); with --skip-invalid it is named as skipped.
    @Test func aBrokenPolicyInADirectoryFailsTheImportOrIsNamedAsSkipped() throws {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.copyItem(atPath: Fixtures.path("risk/policy-example.yaml"), toPath: folder.appendingPathComponent("a.yaml").path)
        try Data("Rules:\n  - permission: Mail.*\n    tier: 0\n".utf8).write(to: folder.appendingPathComponent("b.yaml"))
        let database = try AppDatabase.inMemory()
        #expect(throws: ImportError.self) { try Importer(database: database).importPaths([folder.path]) }
        #expect(try Self.riskListCount(database) == 0)
        let report = try Importer(database: database).importPaths([folder.path], skipInvalid: true)
        #expect(report.risk.count == 1)
        #expect(report.skipped == [folder.path + "/b.yaml: $.Rules: unknown property \"Rules\"; expected rules, exceptions"])
    }

    @Test func aDirectoryBringsItsRiskFilesAndSkipsOthers() throws {
        let folder = try Fixtures.temporaryDirectory()
        for name in ["policy-example.yaml", "msidentitytools-aadconsentgrantpermissiontable-2024-01-31.csv"] {
            try FileManager.default.copyItem(atPath: Fixtures.path("risk/" + name), toPath: folder.appendingPathComponent(name).path)
        }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("app,owner\nx,y\n".utf8).write(to: folder.appendingPathComponent("owners.csv"))
        let report = try Importer(database: try AppDatabase.inMemory()).importPaths([folder.path])
        #expect(Set(report.risk.map(\.source)) == [.policy, .msIdentityTools])
        #expect(report.skipped.map { ($0 as NSString).lastPathComponent.prefix(10) } == ["notes.txt:", "owners.csv"])
    }
}
