import PermAuditStore
import Testing

@Suite struct CatalogWriteTests {
    static let graph = "00000003-0000-0000-c000-000000000000"

    static func scope(_ value: String, type: String = "Admin", id: String = "11111111-1111-1111-1111-111111111111") -> PermissionEntry {
        var entry = PermissionEntry(kind: .delegated, value: value)
        entry.permissionId = id
        entry.type = type
        entry.requiresAdminConsent = type == "Admin"
        return entry
    }

    static func batch(_ asOf: String, _ part: CatalogPartName, _ entries: [PermissionEntry], file: String = "f.json") -> CatalogBatch {
        CatalogBatch(source: .servicePrincipal, resourceAppId: graph, asOf: asOf,
                     parts: [CatalogPart(name: part, fileName: file, fileSha256: "x", permissions: entries)])
    }

    static func count(_ database: AppDatabase, _ table: String) throws -> Int64 {
        guard case .integer(let count) = try database.query("SELECT count(*) FROM \(table)").rows[0][0] else { return -1 }
        return count
    }

    @Test func reimportingIdenticalContentChangesNothing() throws {
        let database = try AppDatabase.inMemory()
        let batch = Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read"), Self.scope("User.Read", type: "User")])
        let first = try database.importCatalog([batch])
        let before = try database.catalogSnapshots()
        let second = try database.importCatalog([batch])
        #expect(first.map(\.effect) == [.created])
        #expect(second.map(\.effect) == [.unchanged])
        #expect(second[0].newVersionCount == 0)
        #expect(try database.catalogSnapshots() == before)
    }

    /// Catalog text is stored up to a NUL, as it always was (`DirectValue.cString`): a name holding one is
    /// still one permission across imports, found by the same text it was stored under.
    @Test func aNameWithANulIsOnePermissionAcrossImports() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.importCatalog([Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read\0hidden")])])
        _ = try database.importCatalog([Self.batch("2026-02-01", .delegated, [Self.scope("Mail.Read\0hidden", type: "User")])])
        #expect(try Self.count(database, "permission") == 1)
        #expect(try Self.count(database, "permissionVersion") == 2)
        #expect(try database.query("SELECT permission FROM catalogPermission").rows == [[.text("Mail.Read")]])
    }

    @Test func unchangedVersionsAreStoredOnceAcrossSnapshots() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.importCatalog([Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read"), Self.scope("User.Read")])])
        let outcome = try database.importCatalog([Self.batch("2026-02-01", .delegated, [Self.scope("Mail.Read"), Self.scope("User.Read", type: "User")])])
        #expect(outcome[0].newVersionCount == 1)
        #expect(try Self.count(database, "permissionVersion") == 3)
        #expect(try Self.count(database, "catalogSnapshotEntry") == 4)
    }

    @Test func aRolesPartJoinsTheScopesSnapshotOfTheSameDate() throws {
        let database = try AppDatabase.inMemory()
        var role = PermissionEntry(kind: .application, value: "Mail.Read")
        role.requiresAdminConsent = true
        _ = try database.importCatalog([Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read")])])
        let outcome = try database.importCatalog([Self.batch("2026-01-01", .application, [role])])
        #expect(outcome.map(\.effect) == [.extended])
        #expect(try database.catalogSnapshots().map(\.parts) == ["application,delegated"])
    }

    @Test func differentContentForAStoredPartIsRefusedAndNothingIsWritten() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.importCatalog([Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read")], file: "a.json")])
        let before = try database.schemaDefinition() + "\(try database.catalogSnapshots())"
        let good = Self.batch("2026-03-01", .delegated, [Self.scope("Files.Read")], file: "c.json")
        let conflicting = Self.batch("2026-01-01", .delegated, [Self.scope("Mail.Read", type: "User")], file: "b.json")
        #expect(throws: StoreError.snapshotConflict(source: "servicePrincipal", asOf: "2026-01-01", part: "delegated",
                                                    existingFile: "a.json", newFile: "b.json")) {
            try database.importCatalog([good, conflicting])
        }
        #expect(try database.schemaDefinition() + "\(try database.catalogSnapshots())" == before)
        #expect(try Self.count(database, "permission") == 1)
    }

    @Test func namesAreCaseSensitiveAndKindsAreSeparate() throws {
        let database = try AppDatabase.inMemory()
        var role = PermissionEntry(kind: .application, value: "Calls.JoinGroupCallAsGuest.All")
        role.requiresAdminConsent = true
        _ = try database.importCatalog([
            Self.batch("2026-01-01", .delegated, [Self.scope("Calls.JoinGroupCallasGuest.All"), Self.scope("Calls.JoinGroupCallAsGuest.All")]),
            Self.batch("2026-01-01", .application, [role]),
        ])
        #expect(try Self.count(database, "permission") == 3)
        #expect(try database.permissionDetails(named: "Calls.JoinGroupCallAsGuest.All").map(\.permission.kind) == [.application, .delegated])
        #expect(try database.permissionDetails(named: "calls.joingroupcallasguest.all").isEmpty)
    }
}
