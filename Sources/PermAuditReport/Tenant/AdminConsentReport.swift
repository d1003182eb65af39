import PermAuditStore

/// `permaudit report --admin-consent`: which apps hold permissions that needed an administrator's consent.
/// JSON, CSV and Markdown carry every field under its contract name; the table is the readable subset.
public enum AdminConsentReport {
    /// The JSON contract's field names, in order.
    public static let fields = [
        "tenantId", "asOf", "clientId", "clientAppId", "clientDisplayName", "publisher", "verifiedPublisherName",
        "resourceId", "resourceAppId", "resourceDisplayName", "permission", "permissionId", "kind", "consentType",
        "principalCount", "requiresAdminConsent", "resolvedBy", "privilegeLevel", "firstSeen",
        "riskLevel", "riskLevelSource", "tier", "tierSource", "exceptionExpires", "exceptionValid", "exceptionOwner", "exceptionReason",
    ]

    /// The table is followed by one line per exception, valid or expired: shown, never hidden.
    public static func render(_ holdings: [PermissionHolding], format: ListingFormat) -> String {
        guard format == .table else { return full(holdings).render(format) }
        let notes = holdings.compactMap(exceptionNote)
        return readable(holdings).render(.table) + (notes.isEmpty ? "" : "\n" + notes.joined(separator: "\n") + "\n")
    }

    /// The report's rows, classified; with `since`, only the holdings of each tenant's latest snapshot that
    /// the snapshot `since` names did not hold, each with the date it was first seen; with `risk`, only the
    /// rows at or above its level and in its tiers.
    public static func holdings(_ database: AppDatabase, filter: HoldingFilter, since: SnapshotRef?,
                                classifier: RiskClassifier? = nil, risk: RiskFilter = RiskFilter()) throws -> [PermissionHolding] {
        let classifier = try classifier ?? RiskClassifier.load(database, today: RiskClassifier.todayUTC())
        return classifier.classified(try newHoldings(database, filter: filter, since: since)).filter(risk.keeps)
    }

    private static func newHoldings(_ database: AppDatabase, filter: HoldingFilter, since: SnapshotRef?) throws -> [PermissionHolding] {
        let rows = try database.adminConsentHoldings(filter)
        guard let since else { return rows }
        let snapshots = try database.tenantSnapshots()
        var result: [PermissionHolding] = []
        for tenant in Set(rows.map(\.tenantId)).sorted() {
            let series = snapshots.filter { $0.tenantId == tenant }
            let base = try since.resolve(in: series, seriesName: "tenant \(tenant)")
            let before = Set(try database.permissionHoldings(snapshotId: base.id).map(HoldingIdentity.init))
            let firstSeen = try Self.firstSeen(database, series: series)
            result += rows.filter { $0.tenantId == tenant && !before.contains(HoldingIdentity($0)) }.map { row in
                var row = row
                row.firstSeen = firstSeen[HoldingIdentity(row)]
                return row
            }
        }
        return result
    }

    /// The date each holding first appears in a tenant's snapshots, oldest snapshot first.
    static func firstSeen(_ database: AppDatabase, series: [TenantSnapshotSummary]) throws -> [HoldingIdentity: String] {
        var seen: [HoldingIdentity: String] = [:]
        for snapshot in series.sorted(by: { $0.asOf < $1.asOf }) {
            for holding in try database.permissionHoldings(snapshotId: snapshot.id) where seen[HoldingIdentity(holding)] == nil {
                seen[HoldingIdentity(holding)] = snapshot.asOf
            }
        }
        return seen
    }

    static func full(_ holdings: [PermissionHolding]) -> Tabular {
        Tabular(columns: fields, rows: holdings.map { h in
            [
                .text(h.tenantId), .text(h.asOf), .text(h.clientId), text(h.clientAppId), text(h.clientDisplayName),
                text(h.publisher), text(h.verifiedPublisherName), .text(h.resourceId), text(h.resourceAppId),
                text(h.resourceDisplayName), text(h.permission), text(h.permissionId), .text(h.kind.rawValue),
                .text(h.consentType), literal(h.principalCount.map(String.init)),
                literal(h.requiresAdminConsent.map { String($0) }), text(h.resolvedBy), literal(h.privilegeLevel.map(String.init)),
                text(h.firstSeen),
            ] + riskCells(h.risk)
        })
    }

    static func riskCells(_ risk: HoldingRisk?) -> [Tabular.Cell] {
        [
            text(risk?.level?.rawValue), text(risk?.levelSource?.rawValue), literal(risk?.tier.map(String.init)),
            text(risk?.tierSource?.rawValue), text(risk?.exception?.expires), literal(risk?.exceptionValid.map { String($0) }),
            text(risk?.exception?.owner), text(risk?.exception?.reason),
        ]
    }

    /// `exception: App Permission (kind): until 2026-12-31, owner ...: reason` (or EXPIRED).
    static func exceptionNote(_ h: PermissionHolding) -> String? {
        guard let risk = h.risk, let exception = risk.exception else { return nil }
        let state = risk.exceptionValid == true ? "until \(exception.expires)" : "EXPIRED \(exception.expires)"
        return "exception: \(h.clientDisplayName ?? h.clientId) \(h.permission ?? h.permissionId ?? "?") (\(h.kind.rawValue)): "
            + "\(state), owner \(exception.owner): \(exception.reason)"
    }

    /// Fits 100 columns: the app, who published it, what it holds on which API, how it was granted, its risk
    /// level and tier. With first-seen dates (`--since`), those take the resource's place.
    static func readable(_ holdings: [PermissionHolding]) -> Tabular {
        let since = holdings.contains { $0.firstSeen != nil }
        return Tabular(columns: ["app", "publisher", "permission", "granted", "admin", "risk", "tier", since ? "first seen" : "resource"],
                       rows: holdings.map { h in
                           [
                               .text(clip(h.clientDisplayName ?? h.clientId, 16)), text(h.publisher),
                               .text(clip(h.permission ?? "role \(h.permissionId ?? "?")", 24)), .text(granted(h)),
                               .text(h.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?"), text(h.risk?.level?.rawValue),
                               text(h.risk?.tier.map(String.init)),
                               since ? text(h.firstSeen) : .text(clip(h.resourceDisplayName ?? h.resourceId, 10)),
                           ]
                       })
    }

    /// How the app holds it: an application role, consent for all users, or consent for some users.
    static func granted(_ holding: PermissionHolding) -> String {
        switch holding.consentType {
        case "Application": "app role"
        case "AllPrincipals": "all users"
        default: holding.principalCount == 1 ? "1 user" : "\(holding.principalCount ?? 0) users"
        }
    }

    private static func text(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
    private static func literal(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.literal) ?? .null }

    private static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}

/// A holding as diffs and `--since` compare it: client, resource, permission, kind and consent type.
struct HoldingIdentity: Hashable {
    var clientId: String
    var resourceId: String
    var permission: String
    var kind: PermissionKind
    var consentType: String

    init(_ holding: PermissionHolding) {
        clientId = holding.clientId
        resourceId = holding.resourceId
        permission = holding.permission ?? holding.permissionId ?? ""
        kind = holding.kind
        consentType = holding.consentType
    }

    /// The same holding whatever its consent type: what a consentType change keeps.
    var ignoringConsentType: HoldingIdentity {
        var identity = self
        identity.consentType = ""
        return identity
    }
}
