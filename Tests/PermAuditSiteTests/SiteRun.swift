import Foundation
import PermAuditTestSupport
import Testing

/// Runs the built `permaudit` binary (and other programs) for the site's tests, and builds the databases
/// they write sites from.
struct SiteRun {
    var status: Int32
    var stdout: String
    var stderr: String

    static let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("permaudit")

    static func permaudit(_ arguments: [String], in folder: URL) throws -> SiteRun {
        try program(binary, arguments, in: folder)
    }

    static func program(_ executable: URL, _ arguments: [String], in folder: URL) throws -> SiteRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // Output into files, not pipes: a child that fills one pipe while we wait on the other would never end.
        let outputs = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let (out, err) = (outputs.appendingPathComponent("stdout"), outputs.appendingPathComponent("stderr"))
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return SiteRun(status: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                       stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    static let sampleTenant = "b8aab203-92b2-5f3e-a8a8-d5391af3d878"
    static let hostileWebTenant = "5e5e5e5e-7a64-4b0f-9d2c-5e8f1a2b3c4d"

    /// The site fixture (the seeds' Call* permissions and User.Read.All), Kibali's 2023-03-07 fixture, the
    /// call-cut metadata, the sample tenant and its sample activity logs, as db.sqlite in `folder`.
    static func sampleDatabase(in folder: URL) throws {
        let site = Fixtures.directory.appendingPathComponent("site")
        let catalog = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted().map { site.appendingPathComponent($0).path }
        // An older Kibali file too, so that the changelog and the pages' history have a change to show.
        try run([["init", "--no-seed"], ["import"] + catalog + [Fixtures.path("csdl/graph-v1.0-call-cut-2023-05-09.xml")],
                 ["import", Fixtures.path("kibali-permissions-2023-03-07.json")], ["import", "--sample"],
                 ["import", Fixtures.packageRoot.appendingPathComponent("Samples/graph-activity").path]], in: folder)
    }

    /// The same catalog, the hostile API catalogs and the hostile tenants (Tests/Fixtures/hostile, hostile/web).
    static func hostileDatabase(in folder: URL) throws {
        let site = Fixtures.directory.appendingPathComponent("site")
        let hostile = Fixtures.directory.appendingPathComponent("hostile")
        let catalog = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted().map { site.appendingPathComponent($0).path }
            + ["catalog/evil-api-servicePrincipal-2026-11-02.json", "web/web-api-servicePrincipal-2026-11-14.json"].map { hostile.appendingPathComponent($0).path }
        let week = ["organization", "servicePrincipals", "oauth2PermissionGrants", "appRoleAssignments"]
        try run([["init", "--no-seed"], ["import"] + catalog,
                 ["import"] + week.map { hostile.appendingPathComponent("\($0)-2026-11-08.json").path },
                 ["import"] + week.map { hostile.appendingPathComponent("web/\($0)-2026-11-15.json").path }], in: folder)
    }

    private static func run(_ commands: [[String]], in folder: URL) throws {
        for arguments in commands {
            let run = try permaudit(arguments + ["--db", "db.sqlite", "-q"], in: folder)
            try #require(run.status == 0, "\(arguments): \(run.stderr)")
        }
    }
}
