import GRDB

extension AppDatabase {
    /// The risk lists and policy in effect: the latest list of each source, by as-of date then import order.
    public func currentRisk() throws -> CurrentRisk {
        try writer.read { db in
            let lists = try Row.fetchAll(db, sql: "SELECT id, source, asOf, fileName FROM latestRiskList ORDER BY source").map { row in
                CurrentRisk.List(id: row["id"], source: RiskSource(rawValue: row["source"])!, asOf: row["asOf"], fileName: row["fileName"])
            }
            var risk = CurrentRisk(lists: lists)
            for list in lists {
                if list.source == .policy {
                    risk.policy = try Self.policy(db, listKey: list.id)
                } else {
                    risk.entries[list.source] = try Self.entries(db, listKey: list.id)
                }
            }
            return risk
        }
    }

    private static func entries(_ db: Database, listKey: Int64) throws -> [RiskEntry] {
        try Row.fetchAll(db, sql: """
            SELECT location, resourceAppId, kind, permission, permissionId, level, tier, category
            FROM riskEntry WHERE listKey = ? ORDER BY position
            """, arguments: [listKey]).map { row in
                RiskEntry(location: row["location"], resourceAppId: row["resourceAppId"], kind: PermissionKind(rawValue: row["kind"])!,
                          permission: row["permission"], permissionId: row["permissionId"],
                          level: (row["level"] as String?).flatMap(RiskLevel.init), tier: row["tier"], category: row["category"])
            }
    }

    private static func policy(_ db: Database, listKey: Int64) throws -> RiskPolicy {
        let rules = try Row.fetchAll(db, sql: """
            SELECT position, permission, kind, resourceAppId, publisher, level, tier, reason
            FROM riskPolicyRule WHERE listKey = ? ORDER BY position
            """, arguments: [listKey]).map { row in
                PolicyRule(location: "rules[\(row["position"] as Int)]", permission: row["permission"],
                           kind: (row["kind"] as String?).flatMap(PermissionKind.init), resourceAppId: row["resourceAppId"],
                           publisher: row["publisher"], level: (row["level"] as String?).flatMap(RiskLevel.init), tier: row["tier"],
                           reason: row["reason"])
            }
        let exceptions = try Row.fetchAll(db, sql: """
            SELECT position, app, permission, kind, resourceAppId, reason, owner, expires
            FROM riskException WHERE listKey = ? ORDER BY position
            """, arguments: [listKey]).map { row in
                PolicyException(location: "exceptions[\(row["position"] as Int)]", app: row["app"], permission: row["permission"],
                                kind: (row["kind"] as String?).flatMap(PermissionKind.init), resourceAppId: row["resourceAppId"],
                                reason: row["reason"], owner: row["owner"], expires: row["expires"])
            }
        return RiskPolicy(rules: rules, exceptions: exceptions)
    }
}

/// A row of `riskList`, with whether it is the one in effect for its source.
public struct RiskListSummary: Sendable, Codable, Equatable, FetchableRecord {
    public var id: Int64
    public var source: String
    public var asOf: String
    public var entryCount: Int
    public var inEffect: Bool
    public var fileName: String
    public var fileSha256: String
    public var importedAt: String
}

extension AppDatabase {
    /// Every risk list and policy import, by source then date.
    public func riskLists() throws -> [RiskListSummary] {
        try writer.read { db in
            try RiskListSummary.fetchAll(db, sql: """
                SELECT id, source, asOf, entryCount, id IN (SELECT id FROM latestRiskList) AS inEffect, fileName, fileSha256, importedAt
                FROM riskList ORDER BY source, asOf, id
                """)
        }
    }
}
