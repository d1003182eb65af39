import Foundation
import PermAuditReport
import PermAuditStore

/// The index: every permission name, one row each, with the data the filters read; and the search index,
/// as JSON text in a hidden element (escaped by the template, read back with textContent, never executed).
struct IndexView {
    var chrome: PageChrome
    var count: Int
    var resources: [ResourceOption]
    var rows: [IndexRow]
    var searchIndex: String

    struct ResourceOption {
        var id, name: String
    }

    struct IndexRow {
        var key: Int
        var name, slug, kinds, admin, displayName, resourceIds, resourceNames: String
    }

    /// Short keys keep the index small: n name, w name split into words, d display names, t descriptions.
    struct SearchEntry: Encodable {
        var n, w, d, t: String
    }

    init(pages: [(page: PermissionPage, slug: String)], chrome: PageChrome) throws {
        self.chrome = chrome
        count = pages.count
        var resourceIds = Set<String>()
        var rows: [IndexRow] = []
        var entries: [SearchEntry] = []
        for (key, (page, slug)) in pages.enumerated() {
            let ids = Array(Set(page.entries.map(\.resourceAppId))).sorted()
            resourceIds.formUnion(ids)
            rows.append(IndexRow(
                key: key, name: SafeText.visible(page.permission), slug: slug,
                kinds: Array(Set(page.entries.map(\.kind))).sorted().reversed().joined(separator: " "),
                admin: Array(Set(page.entries.map { Shown.flag($0.adminConsent.required) })).sorted().joined(separator: " "),
                displayName: SafeText.visible(page.entries.compactMap(\.adminConsentDisplayName).first ?? ""),
                resourceIds: ids.map(SafeText.visible).joined(separator: " "),
                resourceNames: ids.map(Self.resourceName).joined(separator: ", ")))
            entries.append(SearchEntry(
                n: SafeText.visible(page.permission), w: NameWords.split(page.permission).joined(separator: " "),
                d: page.entries.flatMap { [$0.adminConsentDisplayName, $0.userConsentDisplayName] }.compactMap { $0 }.map(SafeText.visible)
                    .joined(separator: " "),
                t: page.entries.flatMap { [$0.adminConsentDescription, $0.userConsentDescription] }.compactMap { $0 }.map(SafeText.visible)
                    .joined(separator: " ")))
        }
        self.rows = rows
        resources = resourceIds.sorted().map { ResourceOption(id: SafeText.visible($0), name: Self.resourceName($0)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        searchIndex = String(decoding: try encoder.encode(entries), as: UTF8.self)
    }

    static func resourceName(_ appId: String) -> String {
        appId == TokenExample.graphAppId ? "Microsoft Graph" : SafeText.visible(appId)
    }
}
