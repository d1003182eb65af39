import ArgumentParser
import Foundation
import PermAuditStore
import PermAuditSync

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import catalog files and tenant exports; the format is told from each file's content.",
        discussion: """
            Reads Kibali permissions.json and provisioningInfo.json, a Graph service principal (full object, \
            its scopes or roles, camelCase or PowerShell PascalCase, {"value": [...]} or a bare list), \
            permissions-descriptions.json, Microsoft's first-party application list and Graph's CSDL $metadata XML; \
            a tenant's export \
            (servicePrincipals, oauth2PermissionGrants, appRoleAssignments, organization) as Graph pages, \
            bare lists or NDJSON; and risk lists: EntraOps' classification, MSIdentityTools' CSV, azure-tiering's \
            tiered permissions, and your own policy file (YAML or JSON; see README "Risk and gating"). Directories are read recursively. All files are checked before anything is written; one import is one transaction.

            The as-of date is --as-of, else a YYYY-MM-DD date in the file name, else today (UTC).

            Example: permaudit import devx-permissions-2026-08-07.json devx-provisioningInfo-2026-08-07.json
            Example: permaudit import --sample && permaudit report --admin-consent
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The date the files describe.", valueName: "YYYY-MM-DD"))
    var asOf: String?

    @Option(help: ArgumentHelp("The tenant of a tenant export, when it holds no organization object.", valueName: "tenant-id"))
    var tenant: String?

    @Flag(help: "Leave out files that cannot be read, and tenant objects that do not decode, naming them, instead of importing nothing.")
    var skipInvalid = false

    @Flag(help: "With Graph activity logs, also keep up to three request URIs per app and call, as the log wrote them (they hold user names and ids; table graphCallUri).")
    var keepRequestUris = false

    @Flag(help: "Also import the synthetic Contoso sample tenant compiled into permaudit: two weekly exports (see Seeds/README.md).")
    var sample = false

    @Argument(help: ArgumentHelp("Files or directories to import.", valueName: "path"))
    var paths: [String] = []

    func validate() throws {
        if paths.isEmpty && !sample {
            throw ValidationError("give the files or directories to import (or --sample for the sample tenant)")
        }
    }

    func run() throws {
        // Here rather than in validate(): one line, like every other input error.
        if let asOf, AsOfDate.validated(asOf) == nil {
            throw UsageError("--as-of \(asOf): expected a date written YYYY-MM-DD")
        }
        let started = Date()
        MallocTuning.fixMappingThresholdForImport()
        try Importer.preflight(paths, skipInvalid: skipInvalid)
        let opened = try global.openForWriting()
        let progressLine = ProgressLine.make(quiet: global.quiet)
        defer { progressLine?.erase() }
        var progress: (@Sendable (ImportProgress) -> Void)?
        if let progressLine { progress = { progressLine.show($0) } }
        let importer = Importer(database: opened.database, logger: global.logger, progress: progress, keepRequestUris: keepRequestUris)
        // The sample's two weekly exports are two snapshots, so two imports.
        var reports = try (sample ? SampleTenant.weeks : []).map { try importer.importInputs($0) }
        if !paths.isEmpty { reports.append(try importer.importPaths(paths, asOf: asOf, tenantId: tenant, skipInvalid: skipInvalid)) }
        progressLine?.erase()
        reports.forEach(summarize)
        Console.note(Self.finalLine(reports, seconds: Date().timeIntervalSince(started)), quiet: global.quiet)
    }

    /// What was imported and how long it took, e.g. "imported 4 files (1,150,001 entries) in 96.2 s".
    static func finalLine(_ reports: [ImportReport], seconds: TimeInterval) -> String {
        let files = reports.flatMap(\.files)
        let entries = files.reduce(0) { $0 + $1.entryCount }
        return "imported \(Plural.count(files.count, "file")) (\(ImportProgress.grouped(entries)) \(Plural.noun(entries, "entry"))) in "
            + String(format: "%.1f s", seconds)
    }

    /// "skipped 3 invalid objects of the tenant export: f.json: $.value[1].id: ...; ...", the first few named.
    static func skippedObjectsLine(_ report: ImportReport) -> String {
        let count = report.skippedObjectCount
        let more = count > report.skippedObjectExamples.count ? "; ..." : ""
        return "skipped \(Plural.count(count, "invalid object")) of the tenant export: "
            + report.skippedObjectExamples.joined(separator: "; ") + more
    }

    private func summarize(_ report: ImportReport) {
        for skipped in report.skipped { Console.note("skipped \(skipped)", quiet: global.quiet) }
        if report.skippedObjectCount > 0 { Console.note(Self.skippedObjectsLine(report), quiet: global.quiet) }
        for outcome in report.outcomes {
            let what = switch outcome.effect {
            case .created: "new snapshot #\(outcome.snapshotId)"
            case .extended: "snapshot #\(outcome.snapshotId) extended"
            case .unchanged: "snapshot #\(outcome.snapshotId) unchanged: this content was already imported, nothing written"
            }
            Console.note("\(outcome.source.rawValue) \(outcome.asOf): \(what) (\(Plural.count(outcome.entryCount, "entry")), \(Plural.count(outcome.newVersionCount, "new version")))",
                         quiet: global.quiet)
        }
        for metadata in report.metadata {
            let what = metadata.created ? "new metadata snapshot #\(metadata.snapshotId)"
                : "metadata snapshot #\(metadata.snapshotId) unchanged: this document was already imported, nothing written"
            let unplaced = metadata.unplacedDescriptions > 0 ? "; \(Plural.count(metadata.unplacedDescriptions, "description")) target nothing in it" : ""
            Console.note("metadata \(metadata.apiVersion) \(metadata.asOf): \(what) (\(Plural.count(metadata.typeCount, "type")), \(Plural.count(metadata.propertyCount, "property"))); "
                + "\(metadata.resolvedPathCount) of \(Plural.count(metadata.pathCount, "API path")) resolve (the rest: permaudit paths --unresolved)\(unplaced)",
                quiet: global.quiet)
        }
        for list in report.risk {
            let what = list.created ? "new list #\(list.listId)" : "list #\(list.listId) already stored, import recorded"
            let effect = list.inEffect ? "in effect"
                : "NOT in effect: list #\(list.listInEffect.map(String.init) ?? "?") as of \(list.listInEffectAsOf ?? "?") stays in effect"
            let unknown = list.notInCatalog.isEmpty ? "" : "; \(list.notInCatalog.count) not in the catalog, kept: "
                + list.notInCatalog.prefix(5).joined(separator: ", ") + (list.notInCatalog.count > 5 ? ", ..." : "")
            let warnings = list.warnings.map { "; warning: " + $0 }.joined()
            Console.note("\(list.source.rawValue) \(list.asOf): \(what), \(effect) (\(Plural.count(list.entryCount, "entry"))\(unknown))\(warnings)",
                         quiet: global.quiet)
        }
        if let tenant = report.tenant {
            let what = tenant.created ? "new tenant snapshot #\(tenant.snapshotId)"
                : "tenant snapshot #\(tenant.snapshotId) unchanged: this export was already imported, nothing written"
            Console.note("tenant \(tenant.tenantId) \(tenant.asOf): \(what) (\(Plural.count(tenant.servicePrincipalCount, "service principal")), "
                + "\(Plural.count(tenant.grantCount, "grant")), \(Plural.count(tenant.assignmentCount, "app role assignment")))", quiet: global.quiet)
        }
        if let signIns = report.signIns {
            let what = signIns.created ? "new sign-in report #\(signIns.id)" : "sign-in report #\(signIns.id) unchanged: already imported, nothing written"
            Console.note("sign-in activity: \(what) (\(Plural.count(signIns.apps, "app")))", quiet: global.quiet)
        }
        if let activity = report.activity {
            let what = activity.created ? "new activity import #\(activity.importId)"
                : "activity import #\(activity.importId) unchanged: these files were already imported, nothing written"
            let window = "\(activity.firstEventAt.map { String($0.prefix(10)) } ?? "?") to \(activity.lastEventAt.map { String($0.prefix(10)) } ?? "?")"
            let gaps = activity.unmatchedTemplates == 0 ? "" : "; \(Plural.count(activity.unmatchedTemplates, "path")) the catalog does not know (permaudit advise lists them)"
            Console.note("activity \(window): \(what) (\(Plural.count(activity.recordsRead, "request")), "
                + "\(Plural.count(activity.recordsDuplicate, "duplicate")) dropped, \(Plural.count(activity.aggregates, "aggregate"))\(gaps))", quiet: global.quiet)
        }
    }
}
