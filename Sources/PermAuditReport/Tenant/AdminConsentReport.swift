import Foundation
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
        "textFlags",
    ]

    /// The table is followed by the key to its source letters, then one line per exception, valid or expired:
    /// shown, never hidden.
    public static func render(_ holdings: [PermissionHolding], format: ListingFormat) -> String {
        render(holdings, style: OutputStyle(format))
    }

    public static func render(_ holdings: [PermissionHolding], style: OutputStyle) -> String {
        guard style.format == .table else { return full(holdings).render(style) }
        let notes = (sourceKey(holdings).map { [$0] } ?? []) + holdings.compactMap(exceptionNote).map(SafeText.line)
        return readable(holdings).render(style) + (notes.isEmpty ? "" : "\n" + notes.joined(separator: "\n") + "\n")
    }

    /// The report written as it is made, `rowsPerPiece` rows at a time (a table, which needs every row for
    /// its widths, in one piece): the pieces joined are `render`'s text.
    public static func write(_ rows: HoldingRows, style: OutputStyle, rowsPerPiece: Int = 4096, to emit: (String) -> Void) {
        guard style.format != .table else { return emit(render(Array(rows), style: style)) }
        // Pieces made on every core and written in order as they are made: a million rows are a gigabyte
        // of JSON, whose making is most of the report's time. JSON is written from fragments (AdminConsentJSON).
        let json = style.format == .json ? AdminConsentJSON(rows) : nil
        let pieces = stride(from: 0, to: max(rows.count, 1), by: rowsPerPiece).map { $0..<min($0 + rowsPerPiece, rows.count) }
        OrderedPipeline.run(pieces, { range in
            let (first, last) = (range.lowerBound == 0, range.upperBound == rows.count)
            return json?.piece(range, first: first, last: last) ?? full(Array(rows[range])).renderPiece(style, first: first, last: last)
        }, consume: emit)
    }

    /// The report's rows, classified; with `since`, only the holdings of each tenant's latest snapshot that
    /// the snapshot `since` names did not hold, each with the date it was first seen; with `risk`, only the
    /// rows at or above its level and in its tiers.
    public static func holdings(_ database: AppDatabase, filter: HoldingFilter, since: SnapshotRef?,
                                classifier: RiskClassifier? = nil, risk: RiskFilter = RiskFilter()) throws -> HoldingRows {
        let classifier = try classifier ?? RiskClassifier.load(database, today: AsOfDate.today())
        let rows = try newHoldings(database, filter: filter, since: since)
        // Classified while the database's order is worked out, on two cores; then sorted once by both.
        let (classified, order) = ParallelMap.both({ classifier.classified(rows) }, { rows.reportOrderKeys() })
        return risk.kept(mostDangerousFirst(classified, then: order))
    }

    /// Critical to low (unknown last), then tier 0 to 2 (unknown last), then by the keys `then` (the
    /// database's order: third-party apps first, the highest Kibali privilege level, the app's name), then
    /// as they came.
    static func mostDangerousFirst(_ rows: HoldingRows, then order: [[Int]] = []) -> HoldingRows {
        func key(_ risk: HoldingRisk?) -> Int {
            let level = risk?.level.map { RiskLevel.allCases.count - 1 - RiskLevel.allCases.firstIndex(of: $0)! }
            return (level ?? RiskLevel.allCases.count) * 4 + (risk?.tier ?? 3)
        }
        let keys = rows.risks.map(key), unknown = key(nil)
        return rows.sorted(byKeys: [rows.rows.map { $0.risk.map { keys[$0] } ?? unknown }] + order)
    }

    static func mostDangerousFirst(_ holdings: [PermissionHolding]) -> [PermissionHolding] {
        Array(mostDangerousFirst(HoldingRows(holdings)))
    }

    private static func newHoldings(_ database: AppDatabase, filter: HoldingFilter, since: SnapshotRef?) throws -> HoldingRows {
        let rows = try database.latestHoldingRows(filter, adminConsentOnly: true, ordered: false)
        guard let since else { return rows }
        let snapshots = try database.tenantSnapshots()
        var result: [PermissionHolding] = []
        for tenant in Set(rows.map(\.tenantId)).sorted() {
            let series = snapshots.filter { $0.tenantId == tenant }
            let base = try since.resolve(in: series, seriesName: "tenant \(tenant)")
            let before = Set(try database.permissionHoldings(snapshotId: base.id).map(HoldingIdentity.init))
            let firstSeen = try Self.firstSeen(database, series: series)
            result += rows.filter { $0.tenantId == tenant && !HoldingIdentity($0).wasHeld(in: before) }.map { row in
                var row = row
                row.firstSeen = firstSeen[HoldingIdentity(row)]
                return row
            }
        }
        return HoldingRows(result)
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
        Tabular(columns: fields, rows: holdings.map(cells))
    }

    /// A holding's cells, one per field.
    static func cells(_ h: PermissionHolding) -> [Tabular.Cell] {
        [
            .text(h.tenantId), .text(h.asOf), .text(h.clientId), text(h.clientAppId), text(h.clientDisplayName),
            text(h.publisher), text(h.verifiedPublisherName), .text(h.resourceId), text(h.resourceAppId),
            text(h.resourceDisplayName), text(h.permission), text(h.permissionId), .text(h.kind.rawValue),
            .text(h.consentType), literal(h.principalCount.map(String.init)),
            literal(h.requiresAdminConsent.map { String($0) }), text(h.resolvedBy), literal(h.privilegeLevel.map(String.init)),
            text(h.firstSeen),
        ] + riskCells(h.risk) + [text(h.textFlags)]
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

    /// The app, who published it, what it holds on which API, how it was granted, its risk level and tier each
    /// with the source that set it, as a letter (`critical/P`, `0/T`, see `sourceKey`). With first-seen dates
    /// (`--since`), those take the resource's place. The table fits the terminal by cutting the widest columns.
    static func readable(_ holdings: [PermissionHolding]) -> Tabular {
        let since = holdings.contains { $0.firstSeen != nil }
        let columns = ["app", "publisher", "permission", "granted", "admin", "risk", "tier", since ? "first seen" : "resource"]
        var table = Tabular(columns: columns, rows: holdings.map { holding in
            [
                .text(holding.clientDisplayName ?? holding.clientId), text(holding.publisher),
                .text(holding.permission ?? "role \(holding.permissionId ?? "?")"), .text(granted(holding)),
                .text(holding.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?"),
            ] + levelAndTier(holding) + [
                since ? text(holding.firstSeen) : .text(holding.resourceDisplayName ?? holding.resourceId),
            ]
        })
        // The permission is what the reader needs in full; the API and the app's name give way first.
        table.shrinkFirst = ["resource", "app"]
        return table
    }

    /// `high/M` and `0/E`: the level and the tier, each with its source's letter.
    static func levelAndTier(_ holding: PermissionHolding) -> [Tabular.Cell] {
        [text(holding.risk?.level.map { $0.rawValue + "/" + letter(holding.risk?.levelSource) }),
         text(holding.risk?.tier.map { String($0) + "/" + letter(holding.risk?.tierSource) })]
    }

    /// The table's letter for each source, in the order the key lists them.
    static let letters: [(RiskSource, String)] = [(.policy, "P"), (.kibali, "K"), (.msIdentityTools, "M"), (.entraOps, "E"), (.azureTiering, "T")]

    static func letter(_ source: RiskSource?) -> String {
        letters.first { $0.0 == source }?.1 ?? "?"
    }

    /// `set by: P policy, K kibali, ...`: the sources the table's rows name, or nil when none.
    static func sourceKey(_ holdings: [PermissionHolding]) -> String? {
        let used = Set(holdings.flatMap { [$0.risk?.levelSource, $0.risk?.tierSource].compactMap { $0 } })
        let named = letters.filter { used.contains($0.0) }.map { "\($0.1) \($0.0.rawValue)" }
        return named.isEmpty ? nil : "set by: " + named.joined(separator: ", ")
    }

    /// How the app holds it: an application role, consent for all users, or consent for some users.
    static func granted(_ holding: PermissionHolding) -> String {
        switch holding.consentType {
        case "Application": "app role"
        case "AllPrincipals": "all users"
        default: users(holding.principalCount ?? 0)
        }
    }

    /// `1 user`, `12 users`, `12k users` from 10,000 on, `3M users` from a million on: at most 10 characters.
    static func users(_ count: Int) -> String {
        switch count {
        case ..<10_000: Plural.count(count, "user")
        case ..<1_000_000: "\(count / 1000)k users"
        default: "\(count / 1_000_000)M users"
        }
    }

    static func text(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
    private static func literal(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.literal) ?? .null }
}
