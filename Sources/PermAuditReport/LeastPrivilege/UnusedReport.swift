import Foundation
import PermAuditStore

/// `report --unused`: from the sign-in report alone, the apps that hold Microsoft Graph permissions of a
/// kind and have not signed in that way (app-only for application permissions, with a user for delegated
/// ones) for `days` days before the report's date, or never; all they hold of that kind is unused.
public enum UnusedReport {
    public struct Row: Sendable {
        public var holding: PermissionHolding
        public var permissions: [String]
        /// False when the report does not list the app: no sign-in in the report's reach, or not known to it.
        public var inReport: Bool
        public var lastSignIn: String?
        public var daysSince: Int?
    }

    public static func rows(_ database: AppDatabase, filter: HoldingFilter, days: Int) throws -> (asOf: String, rows: [Row])? {
        guard let signIns = try database.latestSignIns() else { return nil }
        let holdings = try database.latestHoldings(filter).filter { $0.resourceAppId == OverprivilegedReport.graphAppId }
        let byApp = Dictionary(grouping: holdings) { "\($0.tenantId) \($0.clientId) \($0.kind.rawValue)" }
        var rows: [Row] = []
        var seen = Set<String>()
        for holding in holdings where seen.insert("\(holding.tenantId) \(holding.clientId) \(holding.kind.rawValue)").inserted {
            let activity = holding.clientAppId.flatMap { signIns.apps[$0.lowercased()] }
            let last = activity?.lastClientSignIn(application: holding.kind == .application)
            let since = last.flatMap { daysBetween(String($0.prefix(10)), signIns.asOf) }
            guard since.map({ $0 >= days }) ?? true else { continue }
            let held = byApp["\(holding.tenantId) \(holding.clientId) \(holding.kind.rawValue)"] ?? []
            rows.append(Row(holding: holding, permissions: Array(Set(held.compactMap(\.permission))).sorted(), inReport: activity != nil,
                            lastSignIn: last, daysSince: since))
        }
        // The longest known silence first, then the apps the report does not list.
        let ordered = rows.enumerated().sorted { a, b in
            let (x, y) = (a.element.daysSince ?? (a.element.inReport ? Int.max : -1), b.element.daysSince ?? (b.element.inReport ? Int.max : -1))
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        return (signIns.asOf, ordered)
    }

    static func daysBetween(_ from: String, _ to: String) -> Int? {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd"
        format.timeZone = TimeZone(identifier: "UTC")
        guard let start = format.date(from: from), let end = format.date(from: to) else { return nil }
        return Int((end.timeIntervalSince(start) / 86_400).rounded())
    }

    public static func render(_ rows: [Row], style: OutputStyle) -> String {
        let columns = style.format == .table ? ["app", "publisher", "kind", "permissions", "last sign-in", "days"]
            : ["tenantId", "clientId", "clientAppId", "clientDisplayName", "publisher", "kind", "permissions", "inReport", "lastSignIn", "daysSince"]
        if style.format == .json {
            return JSONValue.array(rows.map { row in
                let h = row.holding
                return .object([("tenantId", .string(h.tenantId)), ("clientId", .string(h.clientId)), ("clientAppId", string(h.clientAppId)),
                                ("clientDisplayName", string(h.clientDisplayName)), ("publisher", string(h.publisher)),
                                ("kind", .string(h.kind.rawValue)), ("permissions", .array(row.permissions.map(JSONValue.string))),
                                ("inReport", .bool(row.inReport)),
                                ("lastSignIn", string(row.lastSignIn)), ("daysSince", row.daysSince.map(JSONValue.int) ?? .null)])
            }).text() + "\n"
        }
        var table = Tabular(columns: columns, rows: rows.map { row in
            let h = row.holding
            let common: [Tabular.Cell] = [cell(h.publisher), .text(h.kind.rawValue), .text(row.permissions.joined(separator: style.format == .table ? ", " : " "))]
            let shown = row.lastSignIn.map { String($0.prefix(10)) } ?? (row.inReport ? "never" : "not in report")
            let last: [Tabular.Cell] = (style.format == .table ? [] : [.literal(String(row.inReport))])
                + [cell(style.format == .table ? shown : row.lastSignIn), row.daysSince.map { .literal(String($0)) } ?? .null]
            return style.format == .table ? [.text(h.clientDisplayName ?? h.clientId)] + common + last
                : [.text(h.tenantId), .text(h.clientId), cell(h.clientAppId), cell(h.clientDisplayName)] + common + last
        })
        table.shrinkFirst = ["permissions", "app"]
        return table.render(style)
    }

    private static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    private static func cell(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
}
