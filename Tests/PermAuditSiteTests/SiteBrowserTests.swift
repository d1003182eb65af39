import Foundation
import PermAuditTestSupport
import Testing

/// The site in a real browser: headless Chromium driven by Selenium (Tests/PermAuditSiteTests/browser/site_test.py)
/// over a site of the sample tenant and one of the hostile tenants. Needs Debian's chromium and chromium-driver
/// and PyPI's selenium (README, Install; .ci/run installs them). Screenshots of the seed page (light, dark,
/// print) go to .build/site-test-output for people to look at.
@Suite struct SiteBrowserTests {
    static let script = Fixtures.packageRoot.appendingPathComponent("Tests/PermAuditSiteTests/browser/site_test.py")
    static let output = Fixtures.packageRoot.appendingPathComponent(".build/site-test-output")

    @Test func theSitePassesTheBrowserChecks() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (sample, hostile) = (folder.appendingPathComponent("sample"), folder.appendingPathComponent("hostile"))
        let expected = folder.appendingPathComponent("expected")
        for made in [sample, hostile, expected] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
        try SiteRun.sampleDatabase(in: sample)
        try SiteRun.hostileDatabase(in: hostile)
        for (database, tenant) in [(sample, SiteRun.sampleTenant), (hostile, SiteRun.hostileWebTenant)] {
            let run = try SiteRun.permaudit(["site", "--out", "site", "--tenant", tenant, "--db", "db.sqlite"], in: database)
            try #require(run.status == 0, "\(run.stderr)")
        }
        for name in ["CallDelegation.ReadWrite", "Calls.Initiate.All"] {
            for format in ["json", "csv"] {
                let show = try SiteRun.permaudit(["show", name, "--format", format, "--db", "db.sqlite"], in: sample)
                try #require(show.status == 0, "\(show.stderr)")
                try Data(show.stdout.utf8).write(to: expected.appendingPathComponent("\(name).\(format)"))
            }
        }
        try? FileManager.default.removeItem(at: Self.output)
        let run = try SiteRun.program(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", Self.script.path, sample.appendingPathComponent("site").path, hostile.appendingPathComponent("site").path,
            expected.path, Self.output.path,
        ], in: folder)
        #expect(run.status == 0, "browser checks failed:\n\(run.stdout)\n\(run.stderr)")
    }
}
