import ArgumentParser
import Foundation
import PermAuditReport
import PermAuditSite

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Write a static web site: a page per permission, a searchable index, and a tenant's admin-consent report.",
        discussion: """
            The site needs no server and makes no request to any other host: open DIR/index.html in a browser, \
            or copy DIR to any static host. Each permission page's Export JSON and Export CSV buttons save \
            exactly what `permaudit show NAME --format json|csv` prints (they need JavaScript; the rest does \
            not). Rerunning it on an unchanged database writes the same bytes; a rerun into the same folder \
            removes the files the last run wrote and this one does not (listed in DIR/.permaudit-files), never \
            another file. Names and descriptions from imported files are shown as text.

            With --as-of DATE the site shows the database as it stood on that date: each catalog source, metadata \
            document, risk list and tenant at its latest snapshot on or before it, the histories up to it.

            Example: permaudit site --out site
            Example: permaudit site --out site --tenant 72f988bf-86f1-41af-91ab-2d7cd011db47
            Example: permaudit site --out site-2026-08 --as-of 2026-08-31
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The folder to write the site into (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Add this tenant's admin-consent report (its tenant ID).", valueName: "tenant"))
    var tenant: String?

    @Option(name: .customLong("as-of"),
            help: ArgumentHelp("Show the database as it stood on this date (YYYY-MM-DD), or latest.", valueName: "REF"))
    var asOf: SnapshotRef = .latest

    func run() throws {
        let date: String? = switch asOf {
        case .latest: nil
        case .onOrBefore(let date): date
        case .id, .previous:
            throw UsageError("--as-of: expected a date YYYY-MM-DD (each series' latest snapshot on or before it) or latest, "
                + "not a snapshot of one series")
        }
        let database = try global.openForReading()
        let started = Date()
        do {
            let site = try StaticSite(database: database, folder: URL(fileURLWithPath: out), tenant: tenant, asOf: date,
                                      version: PermAudit.version)
            let summary = try site.write()
            Console.note("wrote \(summary.permissionPages) permission pages (\(summary.files) files, "
                + String(format: "%.1f MB", Double(summary.bytes) / 1_000_000) + ") to \(out) in "
                + String(format: "%.1f s", Date().timeIntervalSince(started)), quiet: global.quiet)
        } catch let error as SiteError {
            throw UsageError(error.description)
        }
    }
}
