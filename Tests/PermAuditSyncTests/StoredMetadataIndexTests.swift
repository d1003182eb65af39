import Foundation
import GRDB
import PermAuditTestSupport
import Testing
@testable import PermAuditStore
@testable import PermAuditSync

/// A catalog import resolves its new API paths against the stored metadata documents, reading their rows
/// only where a path goes (`MetadataIndex.stored`): the resolutions equal those of the documents read
/// from their files.
@Suite struct StoredMetadataIndexTests {
    static func resolution(_ row: Row) -> ApiPathResolution {
        ApiPathResolution(path: row["path"], resourceType: row["resourceType"], isCollection: row["isCollection"],
                          operation: row["operation"], operationKind: row["operationKind"], returnType: row["returnType"],
                          note: row["note"], unresolvedSegment: row["unresolvedSegment"], problem: row["problem"])
    }

    /// Every API path of the seeds, resolved again against each stored seed document, gives the row the
    /// seed import wrote from the document in memory.
    @Test func everySeedPathResolvesAgainstTheStoredDocumentsAsAgainstTheFiles() throws {
        let database = try SeededDatabase.copy()
        try database.writer.read { db in
            let snapshots = try Int64.fetchAll(db, sql: "SELECT id FROM metadataSnapshot ORDER BY id")
            #expect(snapshots.count == 2)
            for snapshotKey in snapshots {
                let resolver = ApiPathResolver(try MetadataIndex.stored(db, snapshotKey: snapshotKey))
                let written = try Row.fetchAll(db, sql: "SELECT * FROM apiPathResolution WHERE metadataSnapshotKey = ?",
                                               arguments: [snapshotKey]).map(Self.resolution)
                #expect(written.count > 7000 && written.contains { $0.note != nil } && written.contains { $0.operation != nil })
                let differing = try written.filter { try resolver.resolve($0.path) != $0 }
                #expect(differing.isEmpty, "\(differing.prefix(3))")
            }
        }
    }

    /// The hand-written shapes: a composable function on a collection, a derived type's action reached
    /// without the cast, an action followed by a segment, an unbound operation, a primitive's member.
    @Test func theShapesResolveAlikeFromTheFileAndFromTheRows() throws {
        let database = try AppDatabase.inMemory()
        let document = try MetadataFile.read(.memory("shapes-2026-01-01.xml", Fixtures.data("csdl/shapes-2026-01-01.xml")), asOf: "2026-01-01")
        _ = try database.importExports(catalog: [], tenant: nil, metadata: [document])
        let paths = ["/calls/recent()/{id}/participants", "/communications/calls/{id}/participants/{id}/promote",
                     "/calls/{id}/mute/more", "/ping", "/calls/{id}/subject/more", "/COMMUNICATIONS/CALLS/{id}", "/calls/{id}/nothing"]
        let fromFile = ApiPathResolver(document)
        try database.writer.read { db in
            let fromRows = ApiPathResolver(try MetadataIndex.stored(db, snapshotKey: 1))
            for path in paths {
                #expect(try fromRows.resolve(path) == fromFile.resolve(path))
            }
        }
    }

    /// An older Kibali file with paths the seeds lack (`/directory/deleteditems/...`): each new path is resolved against both stored
    /// documents, as the file of each resolves it; every check still passes.
    @Test func aLaterCatalogImportResolvesItsNewPathsAgainstTheStoredDocuments() throws {
        let database = try SeededDatabase.copy()
        let known = try Set(database.writer.read { try String.fetchAll($0, sql: "SELECT DISTINCT path FROM apiPath") })
        _ = try Importer(database: database).importPaths([Fixtures.path("kibali-permissions-2023-03-07.json")])
        let rows = try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.fileName, r.* FROM apiPathResolution r JOIN metadataSnapshot m ON m.id = r.metadataSnapshotKey
                """).filter { !known.contains($0["path"]) }
        }
        #expect(Set(rows.map { $0["path"] as String }).contains("/directory/deleteditems/{id}"))
        for (fileName, rowsOfFile) in Dictionary(grouping: rows, by: { $0["fileName"] as String }) {
            let url = Fixtures.packageRoot.appendingPathComponent(fileName)
            let file = try MetadataFile.read(.memory(url.lastPathComponent, Data(contentsOf: url)), asOf: "2026-01-01")
            let resolver = ApiPathResolver(file)
            for row in rowsOfFile {
                #expect(try resolver.resolve(row["path"]) == Self.resolution(row))
            }
        }
        #expect(Set(rows.map { $0["fileName"] as String }).count == 2)
        #expect(try database.check().allSatisfy(\.passed))
    }

    /// The search index follows the latest snapshot of each series: an older snapshot leaves it as it was,
    /// the same file dated after the seeds replaces the Kibali part of it.
    @Test func theSearchIndexChangesOnlyWithTheLatestSnapshots() throws {
        let database = try SeededDatabase.copy()
        let indexed = { try database.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM permissionSearch ORDER BY permissionKey") } }
        let seeded = try indexed()
        _ = try Importer(database: database).importPaths([Fixtures.path("kibali-permissions-2023-03-07.json")])
        #expect(try indexed() == seeded)
        _ = try Importer(database: database).importPaths([Fixtures.path("kibali-permissions-2023-03-07.json")], asOf: "2026-12-01")
        #expect(try indexed() != seeded)
        #expect(try database.check().allSatisfy(\.passed))
    }
}

/// The resolutions worked out on a thread of their own while an import writes are those of the resolver.
@Suite struct ResolutionsInAdvanceTests {
    @Test func theyAreTheResolversResolutions() throws {
        let document = try MetadataFile.read(.memory("shapes-2026-01-01.xml", Fixtures.data("csdl/shapes-2026-01-01.xml")), asOf: "2026-01-01")
        let paths: Set = ["/calls/recent()/{id}/participants", "/communications/calls/{id}/participants/{id}/promote", "/ping", "/calls"]
        let resolved = try ResolutionsInAdvance(paths: paths, documents: [document, document]).wait()
        #expect(resolved.count == 2)
        let resolver = ApiPathResolver(document)
        for path in paths {
            #expect(try resolved.allSatisfy { try $0[path] == resolver.resolve(path) })
        }
        #expect(try ResolutionsInAdvance(paths: [], documents: [document]).wait().isEmpty)
    }
}
