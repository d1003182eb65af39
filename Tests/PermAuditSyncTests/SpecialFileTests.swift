import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// A named pipe (or any file that is not a regular file) is never opened: opening one waits for a writer
/// forever. Named on the command line it is refused; found in a directory it is listed as skipped.
@Suite struct SpecialFileTests {
    @Test func aNamedPipeGivenByNameIsRefusedWithOneLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = try NamedPipe(path: folder.appendingPathComponent("grants.json").path)
        defer { pipe.remove() }
        let database = try AppDatabase.inMemory()
        let before = try database.query(HostileInputTests.snapshotCount).rows
        let error = try #require(throws: ImportError.self) { try Importer(database: database).importPaths([pipe.path], tenantId: "t") }
        #expect(error.description == "\(pipe.path): not a regular file (a named pipe); give a file or a directory")
        #expect(try database.query(HostileInputTests.snapshotCount).rows == before)
    }

    @Test func aNamedPipeInADirectoryIsListedAsSkipped() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixtures.data("kibali-permissions-2026-08-07.json").write(to: folder.appendingPathComponent("kibali.json"))
        let pipe = try NamedPipe(path: folder.appendingPathComponent("pipe.json").path)
        defer { pipe.remove() }
        let report = try Importer(database: AppDatabase.inMemory()).importPaths([folder.path])
        #expect(report.files.map(\.name) == [folder.appendingPathComponent("kibali.json").path])
        #expect(report.skipped == ["\(pipe.path): not a regular file (a named pipe)"])
    }
}
