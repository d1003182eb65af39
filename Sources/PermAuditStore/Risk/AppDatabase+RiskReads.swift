import GRDB

extension AppDatabase {
    /// The risk lists and policy in effect: the policy imported last; for each other source, the latest as-of date, then import order.
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

extension AppDatabase {
    /// Every risk list and policy import, by source then import order.
    public func riskLists() throws -> [RiskListSummary] {
        try writer.read { db in
            try RiskListSummary.fetchAll(db, sql: """
                SELECT i.id, l.source, i.asOf, l.entryCount, i.id IN (SELECT importId FROM latestRiskList) AS inEffect, l.id AS list,
                       i.fileName, i.fileSha256, i.importedAt
                FROM riskImport i JOIN riskList l ON l.id = i.listKey ORDER BY l.source, i.id
                """)
        }
    }
}
