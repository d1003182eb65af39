import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// Broken and hostile inputs: each gives one line naming the file and where, and leaves the database as it was.
@Suite struct HostileInputTests {
    static let snapshotCount = """
        SELECT (SELECT count(*) FROM catalogSnapshot) + (SELECT count(*) FROM tenantSnapshot) + (SELECT count(*) FROM metadataSnapshot)
        """

    static func expectRefused(_ bytes: Data, name: String = "in.json", tenant: String? = "t", contains expected: String) throws {
        let database = try AppDatabase.inMemory()
        let before = try database.query(Self.snapshotCount).rows
        let error = try #require(throws: ImportError.self) {
            try Importer(database: database).importInputs([(name: name, bytes: bytes)], tenantId: tenant)
        }
        #expect(error.description.hasPrefix("\(name): "), "\(error.description)")
        #expect(error.description.contains(expected), "\(error.description)")
        #expect(!error.description.contains("\n"))
        #expect(try database.query(Self.snapshotCount).rows == before)
    }

    @Test(arguments: [
        (Data(), "the file is empty"),
        (Data([0xEF, 0xBB, 0xBF]), "the file is empty"),
        (Data(#"{"@odata.context": "x#oauth2PermissionGrants", "value": [{"id": "g", "#.utf8), "unexpected end of file"),
        (Data(#"[{"AllowedMemberTypes": ["Application"], "Value": "A"}, {"#.utf8), "line 1"),
        (Data([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D]), "invalid UTF-8 byte 0xc3"),
        (Data(#"{"value": [{"id": 5, "clientId": "c", "consentType": "Principal", "principalId": "u", "resourceId": "r", "scope": "x"}]}"#.utf8),
         "$.value[0].id: expected a string"),
        (Data(#"{"@odata.context": "x#servicePrincipals", "value": [null]}"#.utf8), "$.value[0]: expected an object, found null"),
        (Data(#"{"hello": "world"}"#.utf8), "unrecognised format"),
        (Data(#"{"value": [{"id": "g", "clientId": "c", "clientId": "d", "consentType": "AllPrincipals", "resourceId": "r", "scope": "x"}]}"#.utf8),
         #"the key "clientId" appears twice in one object"#),
    ])
    func brokenFiles(bytes: Data, expected: String) throws {
        try Self.expectRefused(bytes, contains: expected)
    }

    @Test func deepNestingIsRefusedInADocumentAndInAPageElement() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try Self.expectRefused(Data(deep.utf8), contains: "nested more than 512 levels deep")
        try Self.expectRefused(Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + deep + "]}").utf8),
                               contains: "nested more than 512 levels deep")
    }

    /// A 16 MiB string in a grant's scope reads without trouble; 100 MB was checked by hand (Benchmarks/README.md).
    @Test func aHugeStringIsJustData() throws {
        let scope = String(repeating: "x", count: 16 << 20)
        let json = #"{"@odata.context": "x#oauth2PermissionGrants", "value": [{"id": "g", "clientId": "c", "consentType": "AllPrincipals", "principalId": null, "resourceId": "r", "scope": "\#(scope)"}]}"#
        let report = try Importer(database: AppDatabase.inMemory()).importInputs([(name: "big.json", bytes: Data(json.utf8))], tenantId: "t")
        #expect(report.tenant?.grantCount == 1)
    }

    @Test func skipInvalidImportsTheGoodFilesAndNamesTheBadOnes() throws {
        let folder = try Fixtures.temporaryDirectory()
        try Fixtures.data("kibali-permissions-2026-08-07.json").write(to: folder.appendingPathComponent("good.json"))
        try Data("{\"permissions\": {".utf8).write(to: folder.appendingPathComponent("bad-catalog.json"))
        try Data("{\"@odata.context\": \"x#oauth2PermissionGrants\", \"value\": [{\"id\": 1}]}".utf8)
            .write(to: folder.appendingPathComponent("bad-grants.json"))
        let database = try AppDatabase.inMemory()
        #expect(throws: ImportError.self) { try Importer(database: database).importPaths([folder.path], tenantId: "t") }
        #expect(try database.catalogSnapshots().isEmpty)
        let report = try Importer(database: database).importPaths([folder.path], tenantId: "t", skipInvalid: true)
        // The bad grant is left out alone (its page has nothing else); the broken catalog file is skipped whole.
        #expect(report.files.map { ($0.name as NSString).lastPathComponent } == ["good.json", "bad-grants.json"])
        #expect(report.skipped.count == 1)
        #expect(report.skipped.contains { $0.contains("bad-catalog.json") && $0.contains("line 1") })
        #expect(report.skippedObjectCount == 1)
        #expect(report.skippedObjectExamples.contains { $0.contains("bad-grants.json: $.value[0].id") })
        #expect(try database.catalogSnapshots().count == 1)
    }

    /// A bounded random-mutation fuzz of the detector, the element reader and the decoders, seeded from the
    /// real fixtures: every mutant either imports or fails with an ImportError, never crashes.
    @Test func mutatedRealFilesNeverCrash() throws {
        var rng = SplitMix(seed: 20261129)
        let seeds = try ["graph-oauth2PermissionScopes-2024-02-12.json", "powershell-GraphAppRoles-2026-08-19.json",
                         "tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json", "tenant-graphdocs/servicePrincipals-2026-11-01.json",
                         "microsoft-apps-2026-08-20.json", "kibali-provisioningInfo-2026-08-07.json"].map(Fixtures.data)
        let tokens = ["{", "}", "[", "]", "\"", ",", ":", "null", "\\", "\u{FEFF}", "\n", "0", "-", "e9", "\"value\""]
        let outcomes = try Self.fuzz(seeds: seeds, tokens: tokens, rounds: 300, rng: &rng) { round, bytes in
            _ = try Importer(database: AppDatabase.inMemory()).importInputs([(name: "mutant-\(round).json", bytes: bytes)], tenantId: "t")
        }
        #expect(outcomes.imported + outcomes.refused == 300)
        #expect(outcomes.refused > 0)
    }

    /// Mutates the seeds (cuts, inserted tokens, random bytes) and imports each mutant: counts those imported
    /// and those refused with an ImportError. Any other error fails the test; a crash stops it.
    static func fuzz(seeds: [Data], tokens: [String], rounds: Int, rng: inout SplitMix,
                     importing: (Int, Data) throws -> Void) throws -> (imported: Int, refused: Int) {
        let tokens = tokens.map { Array($0.utf8) }
        var outcomes = (imported: 0, refused: 0)
        for round in 0..<rounds {
            var bytes = Array(seeds[round % seeds.count])
            for _ in 0..<(1 + rng.next() % 4) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 16)))
                case 1: bytes.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
                default: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                }
                if bytes.isEmpty { bytes = tokens[0] }
            }
            do {
                try importing(round, Data(bytes))
                outcomes.imported += 1
            } catch is ImportError {
                outcomes.refused += 1
            }
        }
        return outcomes
    }
}

/// A small deterministic generator, so the fuzz rounds are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
