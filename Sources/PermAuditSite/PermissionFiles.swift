import Dispatch
import PermAuditReport
import PermAuditStore
import Synchronization

/// The permission pages and their exports, rendered on every core: everything they need is read before
/// (PermissionPageLoader, every history), so each page is a pure function of its name and the files are the
/// same whatever the order they are rendered in.
struct PermissionFiles: Sendable {
    let loader: PermissionPageLoader
    /// Every permission's states in every catalog snapshot (AppDatabase.allCatalogEntries).
    let histories: [String: [Int64: [CatalogEntryState.Key: CatalogEntryState]]]
    let snapshots: [CatalogSnapshotSummary]
    let classifier: RiskClassifier
    let templates: SiteTemplates
    let slugs: [String: String]
    /// The pages' header and footer; each page sets its title.
    let chrome: PageChrome

    /// Writes every name's files; returns the pages in the names' order, for the index.
    func write(_ names: [String], to writer: inout SiteFileWriter) throws -> [(page: PermissionPage, slug: String)] {
        let folder = writer.folder
        let results = Mutex<[Int: Result<(PermissionPage, SiteFileWriter), any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: names.count) { index in
            let written = Result { () throws -> (PermissionPage, SiteFileWriter) in
                var own = SiteFileWriter(folder: folder)
                let page = try write(names[index], to: &own)
                return (page, own)
            }
            results.withLock { $0[index] = written }
        }
        let all = results.withLock { $0 }
        return try names.indices.map { index in
            let (page, own) = try all[index]!.get()
            writer.absorb(own)
            return (page, slugs[names[index]]!)
        }
    }

    /// The page and its exports' script (ExportScripts): exactly what `permaudit show NAME --format json|csv`
    /// prints (the first 15 properties of each resource, as `show` lists by default).
    private func write(_ name: String, to writer: inout SiteFileWriter) throws -> PermissionPage {
        let slug = slugs[name]!
        let (page, view) = try self.view(name)
        let exported = page.limitingProperties(to: ResourceView.shownLimit)
        try writer.write("permissions/\(slug).html", try templates.render(view, "permission"))
        try writer.write("permissions/\(slug).js", try ExportScripts.script(
            json: SafeText.ciSafe(try exported.render(.json)), csv: SafeText.ciSafe(try exported.render(.csv))))
        return page
    }

    /// The name's page (every property of each resource) and its view.
    func view(_ name: String) throws -> (page: PermissionPage, view: PermissionView) {
        let page = try loader.page(named: name, propertyLimit: nil)
        let history = try? PermissionHistory.make(permission: name, kind: nil, states: histories[name] ?? [:], snapshots: snapshots)
        let risks = page.entries.map { entry in
            classifier.classify(.unheld(
                resourceAppId: entry.resourceAppId, kind: PermissionKind(rawValue: entry.kind) ?? .delegated, permission: page.permission,
                permissionId: entry.permissionId, requiresAdminConsent: entry.adminConsent.required, privilegeLevel: entry.privilegeLevel))
        }
        return (page, PermissionView(page, slug: slugs[name]!, history: history, risks: risks, counterpart: counterpart(of: name),
                                     chrome: titled(name)))
    }

    private func titled(_ name: String) -> PageChrome {
        var chrome = chrome
        chrome.title = SafeText.visible(name)
        return chrome
    }

    /// A delegated-only `X` and an application-only `X.All` name each other's page.
    func counterpart(of name: String) -> PermissionView.Counterpart? {
        let kinds = loader.kinds(of: name)
        let (other, label): (String, String) = name.hasSuffix(".All")
            ? (String(name.dropLast(".All".count)), "Delegated counterpart") : (name + ".All", "Application (app-only) counterpart")
        let wanted: PermissionKind = name.hasSuffix(".All") ? .delegated : .application
        guard kinds.count == 1, !kinds.contains(wanted), loader.kinds(of: other).contains(wanted), let slug = slugs[other] else { return nil }
        return PermissionView.Counterpart(label: label, name: SafeText.visible(other), slug: slug)
    }
}
