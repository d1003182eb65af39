import Dispatch
import PermAuditStore

/// `report --overprivileged`: for every app with Microsoft Graph permissions in each tenant's latest
/// snapshot, a verdict on each one from the app's calls in the activity window.
public enum OverprivilegedReport {
    public static let graphAppId = "00000003-0000-0000-c000-000000000000"

    /// What every such report prints once: what the method cannot see.
    public static let limits = "advice for review, not for automatic revocation: it sees only Microsoft Graph calls in the imported "
        + "activity logs and only their window; permissions used through roles (Wids), per-resource grants (Sites.Selected) or "
        + "other APIs are invisible, and catalog gaps and ties are listed, not guessed"

    /// The advice for each app and scheme that holds Graph permissions (after `filter`), from the calls
    /// whose day lies in `from...through`.
    public static func advice(_ database: AppDatabase, filter: HoldingFilter, from: String?, through: String?) throws -> [LeastPrivilegeAdvice] {
        let catalog = CallCandidates(try database.catalogCallTemplates())
        let calls = Dictionary(grouping: try database.graphCalls(from: from, through: through, summed: true)) { AppScheme(appId: $0.appId, scheme: $0.scheme) }
        let holdings = try database.latestHoldings(filter).filter { $0.resourceAppId == graphAppId && $0.clientAppId != nil }
        // One group per app and scheme, in the report's order of their first holding.
        var groups: [String: [PermissionHolding]] = [:]
        var order: [String] = []
        for holding in holdings {
            let key = "\(holding.tenantId) \(holding.clientId) \(scheme(holding).rawValue)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(holding)
        }
        // Each app's advice is its own small search: worked out on every core, kept in the report's order.
        var advice = [LeastPrivilegeAdvice?](repeating: nil, count: order.count)
        let (appGroups, appOrder) = (groups, order)
        advice.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes its own element only.
            nonisolated(unsafe) let results = buffer
            DispatchQueue.concurrentPerform(iterations: appOrder.count) { index in
                let held = appGroups[appOrder[index]]!
                let appId = held[0].clientAppId!.lowercased()
                results[index] = .advise(appId: appId, scheme: scheme(held[0]), held: uniqueByPermission(held),
                                         calls: calls[AppScheme(appId: appId, scheme: scheme(held[0]))] ?? [], catalog: catalog)
            }
        }
        return advice.map { $0! }
    }

    private struct AppScheme: Hashable {
        var appId: String
        var scheme: GraphCall.Scheme
    }

    private static func scheme(_ holding: PermissionHolding) -> GraphCall.Scheme {
        holding.kind == .application ? .application : .delegated
    }

    /// A delegated scope granted both tenant-wide and to some users is one permission to judge.
    private static func uniqueByPermission(_ holdings: [PermissionHolding]) -> [PermissionHolding] {
        var seen = Set<String>()
        return holdings.filter { seen.insert($0.permission ?? $0.permissionId ?? "?").inserted }
    }

    static let columns = ["tenantId", "clientId", "clientAppId", "clientDisplayName", "publisher", "resourceAppId", "permission",
                          "kind", "consentType", "verdict", "suggested", "calls", "lastUsed", "reason"]

    /// What to act on first: downgrade, unused, redundant, then keep and cannotJudge; by app within each.
    static func forReview(_ advice: [LeastPrivilegeAdvice]) -> [LeastPrivilegeAdvice.Judgement] {
        let order: [PermissionVerdict] = [.downgrade, .unused, .redundant, .keep, .cannotJudge]
        let judgements = advice.flatMap(\.judgements)
        return order.flatMap { verdict in judgements.filter { $0.verdict == verdict } }
    }

    public static func render(_ advice: [LeastPrivilegeAdvice], style: OutputStyle) -> String {
        let judgements = forReview(advice)
        guard style.format == .table else { return full(judgements, style: style) }
        // The reasons are long: advise shows them, and every other format carries them.
        var table = Tabular(columns: ["app", "permission", "kind", "verdict", "suggested", "calls", "last used"], rows: judgements.map { j in
            [.text(j.holding.clientDisplayName ?? j.holding.clientId), .text(j.holding.permission ?? "?"), .text(j.holding.kind.rawValue),
             .text(j.verdict.rawValue), .text(j.suggested.joined(separator: ", ")), .literal(String(j.calls)),
             j.lastUsed.map { .text(String($0.prefix(10))) } ?? .null]
        })
        table.shrinkFirst = ["app"]
        return table.render(style) + (judgements.isEmpty ? "" : "\nwhy: permaudit advise APP (or --format json)\n")
    }

    private static func full(_ judgements: [LeastPrivilegeAdvice.Judgement], style: OutputStyle) -> String {
        if style.format == .json {
            return JSONValue.array(judgements.map(json)).text() + "\n"
        }
        return Tabular(columns: columns, rows: judgements.map { j in
            let h = j.holding
            return [.text(h.tenantId), .text(h.clientId), cell(h.clientAppId), cell(h.clientDisplayName), cell(h.publisher),
                    cell(h.resourceAppId), cell(h.permission), .text(h.kind.rawValue), .text(h.consentType), .text(j.verdict.rawValue),
                    .text(j.suggested.joined(separator: " ")), .literal(String(j.calls)), cell(j.lastUsed), .text(j.reason)]
        }).render(style)
    }

    static func json(_ j: LeastPrivilegeAdvice.Judgement) -> JSONValue {
        let h = j.holding
        return .object([
            ("tenantId", .string(h.tenantId)), ("clientId", .string(h.clientId)), ("clientAppId", string(h.clientAppId)),
            ("clientDisplayName", string(h.clientDisplayName)), ("publisher", string(h.publisher)), ("resourceAppId", string(h.resourceAppId)),
            ("permission", string(h.permission)), ("kind", .string(h.kind.rawValue)), ("consentType", .string(h.consentType)),
            ("verdict", .string(j.verdict.rawValue)), ("suggested", .array(j.suggested.map(JSONValue.string))), ("calls", .int(j.calls)),
            ("lastUsed", string(j.lastUsed)), ("reason", .string(j.reason)),
        ])
    }

    /// `--fail-on`'s message: a line per failing permission, each one safe line whatever the app's name holds.
    public static func failureMessage(_ failing: [LeastPrivilegeAdvice.Judgement]) -> String {
        (["--fail-on: \(Plural.count(failing.count, "permission")) failed:"] + failing.map { j in
            "  " + SafeText.line("\(j.verdict.rawValue): \(j.holding.clientDisplayName ?? j.holding.clientId) (\(j.holding.clientAppId ?? "?")) holds "
                + "\(j.holding.permission ?? "?") (\(j.holding.kind.rawValue)): \(j.reason)")
        }).joined(separator: "\n")
    }

    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func cell(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
}
