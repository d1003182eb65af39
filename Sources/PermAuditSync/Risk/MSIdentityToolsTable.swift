import Foundation
import PermAuditStore

/// MSIdentityTools' permission table (aadconsentgrantpermissiontable.csv): `Type,Permission,Privilege,Reason`,
/// where Permission is a full name (`Mail.ReadBasic`) or a name's root (`Mail`, for every `Mail.*`).
enum MSIdentityToolsTable {
    static let header = ["type", "permission", "privilege", "reason"]

    /// True when the first line is the table's header (any case, any column order).
    static func matches(firstLine: String) -> Bool {
        Set(CSVLine.fields(firstLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }).isSuperset(of: header.prefix(3))
    }

    static func entries(_ text: String, file: String) throws -> [RiskEntry] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init).enumerated().makeIterator()
        guard let (_, headerLine) = lines.next() else { return [] }
        let columns = CSVLine.fields(headerLine).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [RiskEntry] = []
        while let (number, line) = lines.next() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let location = "line \(number + 1)"
            let fields = CSVLine.fields(line)
            guard fields.count == columns.count else {
                throw ImportError(file: file, location: location, problem: "expected \(columns.count) comma-separated fields, found \(fields.count)")
            }
            func field(_ name: String) -> String { index[name].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? "" }
            entries.append(RiskEntry(location: location, resourceAppId: nil, kind: try kind(field("type"), file, location),
                                     permission: try name(field("permission"), file, location),
                                     level: try level(field("privilege"), file, location),
                                     category: field("reason").isEmpty ? nil : field("reason")))
        }
        return entries
    }

    private static func kind(_ value: String, _ file: String, _ location: String) throws -> PermissionKind {
        switch value.lowercased() {
        case "delegated": return .delegated
        case "application": return .application
        default: throw ImportError(file: file, location: location, problem: "Type: expected Delegated or Application, found \"\(value)\"")
        }
    }

    private static func name(_ value: String, _ file: String, _ location: String) throws -> String {
        guard !value.isEmpty else { throw ImportError(file: file, location: location, problem: "Permission: expected a name, found nothing") }
        return value
    }

    private static func level(_ value: String, _ file: String, _ location: String) throws -> RiskLevel {
        switch value.lowercased() {
        case "high": return .high
        case "medium": return .medium
        case "low": return .low
        default: throw ImportError(file: file, location: location, problem: "Privilege: expected High, Medium or Low, found \"\(value)\"")
        }
    }
}
