import ArgumentParser
import Foundation
import PermAuditSite

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a static web site: a page per permission, a searchable index, and a tenant's admin-consent report.",
        discussion: """
            The site needs no server and makes no request to any other host: open DIR/index.html in a browser, \
            or copy DIR to any static host. Each permission page has Export JSON and Export CSV files next to it, \
            holding exactly what `permaudit show NAME --format json|csv` prints. Rerunning it on an unchanged \
            database writes the same bytes; a rerun into the same folder removes the files the last run wrote \
            and this one does not (listed in DIR/.permaudit-files), never another file. Names and descriptions \
            from imported files are shown as text.

            Example: permaudit site --out site
            Example: permaudit site --out site --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The folder to write the site into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Add this tenant's admin-consent report (its tenant ID).", valueName: "tenant"))
    var tenant: String?

    func run() throws {
        let database = try global.openForReading()
        let started = Date()
        do {
            let site = try StaticSite(database: database, folder: URL(fileURLWithPath: out), tenant: tenant, version: PermAudit.version)
            let summary = try site.write()
            Console.note("wrote \(summary.permissionPages) permission pages (\(summary.files) files, "
                + String(format: "%.1f MB", Double(summary.bytes) / 1_000_000) + ") to \(out) in "
                + String(format: "%.1f s", Date().timeIntervalSince(started)), quiet: global.quiet)
        } catch let error as SiteError {
            throw UsageError(error.description)
        }
    }
}
