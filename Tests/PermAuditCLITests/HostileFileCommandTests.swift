import Foundation
import PermAuditTestSupport
import Testing

/// Hostile files on the command line: exit code 2, one line on stderr naming the file and where, and a database
/// without a new snapshot.
@Suite struct HostileFileCommandTests {
    static let snapshotCount = """
        SELECT (SELECT count(*) FROM catalogSnapshot) + (SELECT count(*) FROM tenantSnapshot) \
        + (SELECT count(*) FROM metadataSnapshot) + (SELECT count(*) FROM riskList) AS n
        """

    /// Imports `paths` into a fresh database; the run and how many snapshots and lists the database then holds.
    static func importing(_ paths: [String], in folder: URL) throws -> (run: Run, stored: String) {
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let run = try Run.permaudit(["import", "--db", "db.sqlite", "--tenant", "t"] + paths, in: folder)
        let count = try Run.permaudit(["query", "--db", "db.sqlite", "--format", "csv", snapshotCount], in: folder)
        return (run, count.stdout)
    }

    @Test func aGigabyteOfZerosIsRefusedAtOnce() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("zeros.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)  // sparse: no disk used
        try handle.close()
        let (run, stored) = try Self.importing(["zeros.json"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: zeros.json: line 1, column 1: a NUL byte: binary data or UTF-16 text, not a JSON, XML, CSV or YAML file\n")
        #expect(stored == "n\r\n0\r\n")
    }

    /// Refused before the database is opened: no database is created, let alone seeded, for a bad input.
    @Test func aBadInputCreatesNoDatabase() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([0, 0, 0, 0]).write(to: folder.appendingPathComponent("zeros.json"))
        for name in ["zeros.json", "nosuch.json"] {
            let run = try Run.permaudit(["import", "--db", "new.sqlite", name], in: folder)
            #expect(run.status == 2)
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.sqlite").path), "\(name)")
        }
    }

    @Test func aNamedPipeIsRefusedWithoutBeingOpened() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = try NamedPipe(path: folder.appendingPathComponent("pipe.json").path)
        defer { pipe.remove() }
        let (run, stored) = try Self.importing(["pipe.json"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: pipe.json: not a regular file (a named pipe); give a file or a directory\n")
        #expect(stored == "n\r\n0\r\n")
    }

    /// With --skip-invalid a bad grant is left out alone, and the note says how many and which.
    @Test func skipInvalidNamesTheObjectsLeftOut() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let grants = ["AllPrincipals", "Everyone", "AllPrincipals"].enumerated().map { id, consent in
            #"{"id": "g\#(id)", "clientId": "c", "consentType": "\#(consent)", "resourceId": "r", "scope": "User.Read"}"#
        }
        try Data((#"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + grants.joined(separator: ",") + "]}").utf8)
            .write(to: folder.appendingPathComponent("grants.json"))
        _ = try Run.permaudit(["init", "--no-seed", "--db", "db.sqlite"], in: folder)
        let run = try Run.permaudit(["import", "--db", "db.sqlite", "--tenant", "t", "--as-of", "2026-11-01", "--skip-invalid", "grants.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.contains(#"skipped 1 invalid object of the tenant export: grants.json: $.value[1].consentType: expected "AllPrincipals" or "Principal", found "Everyone""#))
        #expect(lines.contains { $0.hasPrefix("tenant t 2026-11-01: new tenant snapshot #1 (0 service principals, 2 grants") })
    }

    @Test func aDeepYAMLPolicyIsRefusedAsYAML() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "# deep\nrules: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("policy.yaml"))
        let (run, stored) = try Self.importing(["policy.yaml"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr == "permaudit: policy.yaml: line 2, column 72: YAML nested more than 64 levels deep; a policy needs three\n")
        #expect(stored == "n\r\n0\r\n")
    }
}
