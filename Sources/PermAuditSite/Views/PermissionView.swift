import Mustache
import PermAuditReport
import PermAuditStore

/// A permission's page: one panel per entry of its PermissionPage (delegated and application of one name
/// become tabs), from the same model `permaudit show --format json` prints, plus its history and risk.
/// Every imported string passes `Shown.text` here; the template escapes it for HTML.
struct PermissionView {
    var chrome: PageChrome
    var name: String
    var slug: String
    var access: [String]
    var counterpart: Counterpart?
    var entries: [EntryView]

    /// The page of the other kind under the explorer's naming (a scope `X` and its application role `X.All`).
    struct Counterpart {
        var label, name, slug: String
    }

    init(_ page: PermissionPage, slug: String, history: PermissionHistory?, risks: [HoldingRisk], counterpart: Counterpart?,
         chrome: PageChrome) {
        self.chrome = chrome
        self.counterpart = counterpart
        name = Shown.text(page.permission)
        self.slug = slug
        access = Self.access(page.permission)
        let labels = Self.tabIds(page.entries)
        entries = zip(page.entries, zip(labels, risks)).map { entry, label in
            EntryView(entry, tabId: label.0, metadataAsOf: page.metadataAsOf, history: history, risk: label.1)
        }
    }

    /// `delegated`, `application`; a second entry of the same kind (another API's scope of the same name) is
    /// `delegated-2`.
    static func tabIds(_ entries: [PermissionPage.Entry]) -> [String] {
        var seen: [String: Int] = [:]
        return entries.map { entry in
            let count = seen[entry.kind, default: 0] + 1
            seen[entry.kind] = count
            return count == 1 ? entry.kind : "\(entry.kind)-\(count)"
        }
    }

    /// The explorer's badge: what the name says the permission allows.
    static func access(_ name: String) -> [String] {
        let parts = name.split(separator: ".").map(String.init)
        if parts.contains(where: { $0.hasPrefix("ReadWrite") || $0 == "Write" || $0.hasPrefix("Manage") }) { return ["Read/Write"] }
        if parts.contains(where: { $0.hasPrefix("Read") }) { return ["Read"] }
        return []
    }
}

struct EntryView {
    var tabId: String
    var tabLabel: String
    var resourceName: String
    var title: String?
    var permissionId: String
    var adminConsent: String
    var decidedBy: String?
    var disagreement: String?
    var adminDisplayName, adminDescription, userDisplayName, userSees: String
    var privilegeLevel: String
    var riskLevel: String
    var tier: String
    var enabled: String?
    var authorizationType: String?
    var sources: [SourceRow]
    var apiVersionNote: String
    var apiVersions: [VersionPaths]
    var resourceCount: Int
    var metadataNote: String
    var resources: [ResourceView]
    var hasUnresolved: Bool
    var unresolved: [UnresolvedRow]
    var holderCount: Int
    var hasHolders: Bool
    var holders: [HolderRow]
    var hasHistory: Bool
    var history: [HistoryRow]
    var examples: [ExampleView]
    var noExample: String
    var steps: [String]

    init(_ entry: PermissionPage.Entry, tabId: String, metadataAsOf: String?, history: PermissionHistory?, risk: HoldingRisk) {
        self.tabId = tabId
        tabLabel = entry.kind == PermissionKind.application.rawValue ? "Application (app-only)" : "Delegated"
        resourceName = entry.resourceAppId == TokenExample.graphAppId ? "Microsoft Graph" : Shown.text(entry.resourceAppId)
        title = entry.adminConsentDisplayName.map(SafeText.visible)
        permissionId = Shown.text(entry.permissionId, absent: "unknown (no source gives a GUID)")
        adminConsent = Shown.flag(entry.adminConsent.required)
        decidedBy = entry.adminConsent.decidedBy.map(SafeText.visible)
        disagreement = entry.adminConsent.sourcesDisagree
            ? entry.adminConsent.bySource.sorted { $0.key < $1.key }.map { "\(SafeText.visible($0.key)) says \(Shown.flag($0.value))" }
                .joined(separator: ", ")
            : nil
        adminDisplayName = Shown.text(entry.adminConsentDisplayName)
        adminDescription = Shown.text(entry.adminConsentDescription)
        userDisplayName = Shown.text(entry.userConsentDisplayName, absent: "none (no user consent text)")
        userSees = Shown.text(entry.userConsentDescription, absent: "none (no user consent text)")
        privilegeLevel = entry.privilegeLevel.map(String.init) ?? "not given"
        riskLevel = risk.level.map { "\($0.rawValue) (\(risk.levelSource?.rawValue ?? "?"))" } ?? "unknown"
        tier = risk.tier.map { "\($0) (\(risk.tierSource?.rawValue ?? "?"))" } ?? "unknown"
        enabled = entry.isEnabled.map { $0 ? "yes" : "no" }
        authorizationType = entry.authorizationType.map(SafeText.visible)
        sources = entry.sources.map(SourceRow.init)
        apiVersionNote = PermissionPage.apiVersionNote
        apiVersions = PermissionPage.apiVersions.map { version in
            let paths = entry.apiPaths(version: version).map(PathRow.init)
            return VersionPaths(version: version, count: paths.count, hasPaths: !paths.isEmpty, paths: paths)
        }
        resourceCount = entry.resources.count
        metadataNote = metadataAsOf.map { "From Graph's v1.0 metadata of \($0)." } ?? "No Graph metadata imported (permaudit import a $metadata file)."
        resources = entry.resources.map(ResourceView.init)
        hasUnresolved = !entry.unresolvedPaths.isEmpty
        unresolved = entry.unresolvedPaths.map { UnresolvedRow(path: SafeText.visible($0.path), problem: SafeText.visible($0.problem)) }
        holderCount = entry.holders.count
        hasHolders = !entry.holders.isEmpty
        holders = entry.holders.map(HolderRow.init)
        self.history = HistoryRow.rows(history, kind: entry.kind)
        hasHistory = !self.history.isEmpty
        examples = entry.tokenExamples.map { ExampleView(language: $0.language, code: Shown.lines($0.code)) }
        noExample = "No example: the permission's name or resource holds characters that are not safe inside code."
        steps = entry.registrationSteps.map(SafeText.visible)
    }
}

struct SourceRow {
    var source, asOf, scheme, permissionId, adminConsent, type, privilegeLevel, enabled: String

    init(_ statement: SourceStatement) {
        source = SafeText.visible(statement.source)
        asOf = SafeText.visible(statement.asOf)
        scheme = Shown.text(statement.scheme, absent: "")
        permissionId = Shown.text(statement.permissionId, absent: "")
        adminConsent = statement.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? ""
        type = Shown.text(statement.type, absent: "")
        privilegeLevel = statement.privilegeLevel.map(String.init) ?? ""
        enabled = statement.isEnabled.map { $0 ? "yes" : "no" } ?? ""
    }
}

struct PathRow {
    var method, path, leastPrivilegeFor, alsoRequires: String

    init(_ path: PermissionPage.ApiPath) {
        method = SafeText.visible(path.method)
        self.path = SafeText.visible(path.path)
        leastPrivilegeFor = SafeText.visible(path.leastPrivilegeFor.joined(separator: ", "))
        alsoRequires = SafeText.visible(path.alsoRequires.joined(separator: ", "))
    }
}

/// The paths of one Graph version (v1.0, beta).
struct VersionPaths {
    var version: String
    var count: Int
    var hasPaths: Bool
    var paths: [PathRow]
}

struct UnresolvedRow {
    var path, problem: String
}

struct ExampleView {
    var language, code: String
}

/// Read by name without reflection (SiteViewTests checks every field is answered): the rows are most of the site.
extension SourceRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "source": source
        case "asOf": asOf
        case "scheme": scheme
        case "permissionId": permissionId
        case "adminConsent": adminConsent
        case "type": type
        case "privilegeLevel": privilegeLevel
        case "enabled": enabled
        default: nil
        }
    }
}

extension PathRow: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "method": method
        case "path": path
        case "leastPrivilegeFor": leastPrivilegeFor
        case "alsoRequires": alsoRequires
        default: nil
        }
    }
}

extension VersionPaths: MustacheParent {
    func child(named key: String) -> Any? {
        switch key {
        case "version": version
        case "count": count
        case "hasPaths": hasPaths
        case "paths": paths
        default: nil
        }
    }
}
