import Dispatch
import Foundation
import PermAuditReport
import PermAuditStore
import Synchronization

/// `permaudit site`: a static web site of the catalog (one page per permission name, an index with search)
/// and, for a tenant, its admin-consent report. Self-contained: one stylesheet and one script of its own, no
/// request to any other host, opens from `file://`. Every value shown comes from the same models as the
/// commands' outputs; every date in it comes from the data, so a rerun on an unchanged database writes the
/// same bytes.
public struct StaticSite: Sendable {
    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var permissionPages: Int
        public var files: Int
        public var bytes: Int
    }

    let database: AppDatabase
    let folder: URL
    let tenant: String?
    let asOf: String?
    let version: String
    let templates: SiteTemplates

    /// `asOf`: a date (YYYY-MM-DD) to show the database as it stood then (AppDatabase.asOf), nil for now.
    /// `version`: the generator's version, shown in each page's footer.
    public init(database: AppDatabase, folder: URL, tenant: String?, asOf: String? = nil, version: String) throws {
        self.database = try asOf.map(database.asOf) ?? database
        self.folder = folder
        self.tenant = tenant
        self.asOf = asOf
        self.version = version
        templates = try SiteTemplates()
        if let asOf, try self.database.catalogSnapshots().isEmpty {
            let oldest = try database.catalogSnapshots().map(\.asOf).min()
            throw SiteError("--as-of \(asOf): no catalog snapshot on or before it"
                + (oldest.map { "; the oldest is of \($0)" } ?? "; import a catalog first"))
        }
    }

    public func write() throws -> Summary {
        let tenantSnapshot = try tenantSnapshot()
        try prepareFolder()
        let manifest = SiteManifest(folder: folder)
        let previous = try manifest.previous()
        let catalogAsOf = try database.catalogSnapshots().map(\.asOf).max() ?? "none"
        let chrome: @Sendable (String, String) -> PageChrome = { [version, asOf] title, root in
            PageChrome(title: title, root: root, reportLink: tenantSnapshot != nil, version: version,
                       catalogAsOf: catalogAsOf, tenantAsOf: tenantSnapshot?.asOf, asOf: asOf)
        }
        let names = try database.currentPermissionNames()
        let slugs = PageSlug.slugs(for: names)
        // Exceptions are judged on the tenant snapshot's date (else the catalog's): never today's, which would
        // make the site differ from one day to the next.
        let classifier = try RiskClassifier.load(database, today: tenantSnapshot?.asOf ?? catalogAsOf)
        // The permission pages (on every core) and, beside them, the pages that do not need them.
        let ((pages, permissionFiles), otherFiles) = try Self.concurrently({
            var own = SiteFileWriter(folder: folder)
            let files = PermissionFiles(
                loader: try PermissionPageLoader(database), histories: try database.allCatalogEntries(),
                snapshots: try database.catalogSnapshots(), classifier: classifier, templates: templates, slugs: slugs,
                chrome: chrome("", "../"))
            return (try files.write(names, to: &own), own)
        }, {
            var own = SiteFileWriter(folder: folder)
            try writeChangelog(slugs: slugs, chrome: chrome, to: &own)
            if let tenantSnapshot { try writeTenant(tenantSnapshot, classifier: classifier, slugs: slugs, chrome: chrome, to: &own) }
            return own
        })
        var writer = SiteFileWriter(folder: folder)
        writer.absorb(permissionFiles)
        writer.absorb(otherFiles)
        try writer.write("index.html", try templates.render(IndexView(pages: pages, chrome: chrome("Permissions", "")), "index"))
        for asset in templates.assets { try writer.write(asset.name, bytes: asset.bytes) }
        try manifest.replace(previous: previous, written: writer.paths)
        return Summary(permissionPages: pages.count, files: writer.files, bytes: writer.bytes)
    }

    /// Runs both at once; their results, or the first one's error. The second runs on a thread of its own, the
    /// first here: inside a concurrentPerform, the permission pages' own concurrentPerform would run on one core.
    private static func concurrently<A, B: Sendable>(_ first: () throws -> A, _ second: @escaping @Sendable () throws -> B) throws -> (A, B) {
        let secondResult = Mutex<Result<B, any Error>?>(nil)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            let result = Result { try second() }
            secondResult.withLock { $0 = result }
        }
        let firstResult = Result { try first() }
        group.wait()
        return (try firstResult.get(), try secondResult.withLock { $0! }.get())
    }

    private func writeChangelog(slugs: [String: String], chrome: (String, String) -> PageChrome, to writer: inout SiteFileWriter) throws {
        let changelog = ChangelogView(diffs: try ChangelogView.diffs(database), slugs: slugs, chrome: chrome("Catalog changelog", ""))
        try writer.write("changelog.html", try templates.render(changelog, "changelog"))
        try writer.write("changelog.atom", try templates.render(changelog, "changelog.atom"))
    }

    /// The tenant's admin-consent report, its apps' pages and its drift.
    private func writeTenant(_ snapshot: TenantSnapshotSummary, classifier: RiskClassifier, slugs: [String: String],
                             chrome: (String, String) -> PageChrome, to writer: inout SiteFileWriter) throws {
        let holdings = try AdminConsentReport.holdings(database, filter: tenantFilter(snapshot.tenantId), since: nil, classifier: classifier)
        let view = ReportView(tenantId: snapshot.tenantId, asOf: snapshot.asOf, holdings: Array(holdings), slugs: slugs,
                              chrome: chrome("Admin-consent report", ""))
        try writer.write("admin-consent.html", try templates.render(view, "report"))
        try writeApps(snapshot.tenantId, classifier: classifier, slugs: slugs, chrome: chrome, to: &writer)
        try writer.write("drift.html", try templates.render(try drift(snapshot.tenantId, classifier: classifier, slugs: slugs,
                                                                  chrome: chrome("Drift", "")), "drift"))
    }

    private func prepareFolder() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw SiteError("--out \(folder.relativePath) is a file: name a folder (it is created if missing)")
        }
        do {
            for subfolder in ["permissions", "apps"] {
                try FileManager.default.createDirectory(at: folder.appendingPathComponent(subfolder), withIntermediateDirectories: true)
            }
        } catch {
            throw SiteError("cannot create the folder \(folder.relativePath): \(error.localizedDescription)")
        }
    }

    /// A page per app of the tenant's latest export (`apps/CLIENTID.html`): what it holds, since when.
    private func writeApps(_ tenantId: String, classifier: RiskClassifier, slugs: [String: String],
                           chrome: (String, String) -> PageChrome, to writer: inout SiteFileWriter) throws {
        let holdings = try AdminConsentReport.currentHoldingsSinceFirstSeen(database, tenantId: tenantId, classifier: classifier)
        let advice = try self.advice(tenantId)
        for (clientId, held) in Dictionary(grouping: holdings, by: \.clientId).sorted(by: { $0.key < $1.key }) {
            let judgements = advice.map { ($0.window, $0.byClient[clientId] ?? []) }
            let view = AppView(holdings: held, advice: judgements, slugs: slugs,
                               chrome: chrome(SafeText.visible(held[0].clientDisplayName ?? clientId), "../"))
            try writer.write("apps/\(PageSlug.encode(clientId)).html", try templates.render(view, "app"))
        }
    }

    /// Every app's least-privilege advice in the tenant (what `permaudit advise APP` prints), by service
    /// principal; nil when no activity log is imported.
    private func advice(_ tenantId: String) throws -> (window: String, byClient: [String: [LeastPrivilegeAdvice.Judgement]])? {
        guard let window = try database.activityWindow() else { return nil }
        let advice = try OverprivilegedReport.advice(database, filter: tenantFilter(tenantId), from: nil, through: nil)
        let byClient = Dictionary(grouping: advice.flatMap(\.judgements), by: \.holding.clientId)
        return ("\(window.first) to \(window.last)", byClient)
    }

    /// `diff tenant` for each pair of the tenant's consecutive snapshots.
    private func drift(_ tenantId: String, classifier: RiskClassifier, slugs: [String: String], chrome: PageChrome) throws -> DriftView {
        let series = try database.tenantSnapshots().filter { $0.tenantId == tenantId }.sorted { ($0.asOf, $0.id) < ($1.asOf, $1.id) }
        let diffs = try zip(series, series.dropFirst()).map { old, new in
            try TenantDiff.make(database, tenantId: tenantId, from: .id(old.id), to: .id(new.id), classifier: classifier)
        }
        return DriftView(tenantId: tenantId, diffs: diffs, slugs: slugs, chrome: chrome)
    }

    /// The named tenant's latest snapshot; nil without --tenant.
    private func tenantSnapshot() throws -> TenantSnapshotSummary? {
        guard let tenant else { return nil }
        let snapshots = try database.tenantSnapshots()
        guard let latest = snapshots.filter({ $0.tenantId == tenant }).max(by: { ($0.asOf, $0.id) < ($1.asOf, $1.id) }) else {
            if let asOf { throw SiteError("--as-of \(asOf): no snapshot of tenant \(tenant) on or before it") }
            let known = Set(snapshots.map(\.tenantId)).sorted()
            throw SiteError("no tenant \(tenant) in the database; "
                + (known.isEmpty ? "import a tenant export first" : "imported tenants: " + known.joined(separator: ", ")))
        }
        return latest
    }

    private func tenantFilter(_ tenantId: String) -> HoldingFilter {
        var filter = HoldingFilter()
        filter.tenantIds = [tenantId]
        return filter
    }
}
