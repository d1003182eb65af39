import Foundation
import PermAuditTestSupport
import Testing

/// An import killed at any point leaves the database as it was or with the whole import; two imports at
/// once wait for each other.
@Suite(.serialized) struct FaultTests {
    /// A tenant export big enough to take a while: 3,000 grants on pages of 500.
    static func writeExport(to folder: URL) throws {
        for page in 0..<6 {
            let grants = (0..<500).map { n -> String in
                let id = page * 500 + n
                return #"{"id": "g\#(id)", "clientId": "c\#(id % 40)", "consentType": "Principal", "principalId": "u\#(id)", "resourceId": "graph", "scope": "User.Read Mail.Read S\#(id)"}"#
            }
            let body = #"{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants", "value": ["# + grants.joined(separator: ",") + "]}"
            try Data(body.utf8).write(to: folder.appendingPathComponent("oauth2PermissionGrants-page\(page).json"))
        }
    }

    static func count(_ sql: String, db: String, in folder: URL) throws -> String {
        let run = try Run.permaudit(["query", "--db", db, "--format", "csv", sql], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        return String(run.stdout.split(separator: "\r\n").dropFirst().first ?? "")
    }

    @Test func killedImportsLeaveAllOrNothing() throws {
        let folder = try Fixtures.temporaryDirectory()
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try Self.writeExport(to: export)
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        // How long one import takes here, to spread the kills over it.
        let started = Date()
        _ = try Run.permaudit(["import", "-q", "--db", "db.sqlite", "--tenant", "t", "--as-of", "2025-12-31", export.path], in: folder)
        let duration = Date().timeIntervalSince(started)
        var rng = UInt64(1129)
        var delays = [0, 3 * duration]
        for _ in 0..<6 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            delays.append(Double((rng >> 33) % 1000) / 1000 * 1.2 * duration)
        }
        var outcomes: [String] = []
        for (attempt, delay) in delays.enumerated() {
            let process = Process()
            process.executableURL = Run.binary
            process.arguments = ["import", "-q", "--db", "db.sqlite", "--tenant", "t", "--as-of", String(format: "2026-01-%02d", attempt + 1), export.path]
            process.currentDirectoryURL = folder
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try Self.count("PRAGMA integrity_check", db: "db.sqlite", in: folder) == "ok")
            #expect(try Self.count("SELECT count(*) FROM pragma_foreign_key_check", db: "db.sqlite", in: folder) == "0")
            let date = String(format: "2026-01-%02d", attempt + 1)
            let snapshots = try Self.count("SELECT count(*) FROM tenantSnapshot WHERE asOf = '\(date)'", db: "db.sqlite", in: folder)
            if snapshots == "1" {
                let grants = try Self.count("SELECT count(*) FROM oauth2PermissionGrantAt WHERE asOf = '\(date)'", db: "db.sqlite", in: folder)
                #expect(grants == "3000", "a snapshot is whole or absent")
                outcomes.append("complete")
            } else {
                #expect(snapshots == "0")
                outcomes.append("absent")
            }
        }
        // Killed at once, nothing is there; killed long after, the whole import is.
        #expect(outcomes.prefix(2) == ["absent", "complete"])
    }

    @Test func twoImportsAtOnceBothSucceed() throws {
        let folder = try Fixtures.temporaryDirectory()
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try Self.writeExport(to: export)
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let processes = (1...2).map { day -> Process in
            let process = Process()
            process.executableURL = Run.binary
            process.arguments = ["import", "-q", "--db", "db.sqlite", "--tenant", "t", "--as-of", "2026-02-0\(day)", export.path]
            process.currentDirectoryURL = folder
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0])
        #expect(try Self.count("SELECT count(*) FROM tenantSnapshot", db: "db.sqlite", in: folder) == "2")
    }

    /// Readers during an import see the last committed state: no snapshot, or the whole one.
    @Test func readersDuringAnImportSeeAllOrNothing() throws {
        let folder = try Fixtures.temporaryDirectory()
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try Self.writeExport(to: export)
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let process = Process()
        process.executableURL = Run.binary
        process.arguments = ["import", "-q", "--db", "db.sqlite", "--tenant", "t", "--as-of", "2026-04-01", "export"]
        process.currentDirectoryURL = folder
        try process.run()
        var seen: Set<String> = []
        while process.isRunning || seen.isEmpty {
            let state = try Self.count("""
                SELECT (SELECT count(*) FROM tenantSnapshot) || '/' || (SELECT count(*) FROM oauth2PermissionGrantAt)
                """, db: "db.sqlite", in: folder)
            seen.insert(state)
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(seen.isSubset(of: ["0/0", "1/3000"]), "\(seen)")
        #expect(try Self.count("SELECT count(*) FROM oauth2PermissionGrantAt", db: "db.sqlite", in: folder) == "3000")
    }

    /// A disk that fills up during an import: the file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so a
    /// write fails with EFBIG as on a full disk) stops the write-ahead log from growing past 256 KB.
    @Test func aFullDiskFailsWithOneLineAndNoSnapshot() throws {
        let folder = try Fixtures.temporaryDirectory()
        let export = folder.appendingPathComponent("export")
        try FileManager.default.createDirectory(at: export, withIntermediateDirectories: true)
        try Self.writeExport(to: export)
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let command = "trap '' XFSZ; ulimit -f 256; exec \"$0\" import -q --db db.sqlite --tenant t --as-of 2026-03-01 export"
        let run = try Run.program(URL(fileURLWithPath: "/bin/sh"), ["-c", command, Run.binary.path], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: db.sqlite: cannot write the database (disk I/O error): is the disk full or the file read-only? Nothing was imported\n")
        #expect(try Self.count("PRAGMA integrity_check", db: "db.sqlite", in: folder) == "ok")
        #expect(try Self.count("SELECT count(*) FROM tenantSnapshot", db: "db.sqlite", in: folder) == "0")
        // With room again, the same import goes through.
        let retry = try Run.permaudit(["import", "-q", "--db", "db.sqlite", "--tenant", "t", "--as-of", "2026-03-01", "export"], in: folder)
        #expect(retry.status == 0, "\(retry.stderr)")
    }

    /// A file even root cannot write: the immutable attribute (chattr +i). Needs CAP_LINUX_IMMUTABLE, which
    /// this machine's CI has; elsewhere the test is skipped, not passed.
    @Test(.enabled(if: FaultTests.canMakeFilesImmutable()))
    func anUnwritableDatabaseFailsWithOneLine() throws {
        let folder = try Fixtures.temporaryDirectory()
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let database = folder.appendingPathComponent("db.sqlite").path
        _ = try Run.program(URL(fileURLWithPath: "/usr/bin/chattr"), ["+i", database], in: folder)
        defer { _ = try? Run.program(URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", database], in: folder) }
        let run = try Run.permaudit(["import", "--db", "db.sqlite", Fixtures.path("kibali-permissions-2026-08-07.json")], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: db.sqlite: cannot open the database: attempt to write a readonly database\n")
        _ = try Run.program(URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", database], in: folder)
        #expect(try Self.count("SELECT count(*) FROM catalogSnapshot", db: "db.sqlite", in: folder) == "0")
    }

    static func canMakeFilesImmutable() -> Bool {
        guard let folder = try? Fixtures.temporaryDirectory() else { return false }
        let file = folder.appendingPathComponent("probe").path
        FileManager.default.createFile(atPath: file, contents: Data())
        guard let set = try? Run.program(URL(fileURLWithPath: "/usr/bin/chattr"), ["+i", file], in: folder), set.status == 0 else { return false }
        _ = try? Run.program(URL(fileURLWithPath: "/usr/bin/chattr"), ["-i", file], in: folder)
        return true
    }
}
