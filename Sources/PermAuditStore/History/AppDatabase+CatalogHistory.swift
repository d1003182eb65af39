import GRDB

extension AppDatabase {
    /// The snapshots of one catalog series (source and API), oldest first.
    public func catalogSeries(source: CatalogSource, resourceAppId: String?) throws -> [CatalogSnapshotSummary] {
        try catalogSnapshots().filter { $0.source == source.rawValue && $0.resourceAppId == resourceAppId }
            .sorted { ($0.asOf, $0.id) < ($1.asOf, $1.id) }
    }

    /// Every permission a snapshot holds, as the diff compares them.
    public func catalogEntries(snapshotId: Int64) throws -> [CatalogEntryState.Key: CatalogEntryState] {
        try writer.read { db in
            try Self.entryStates(db, sql: "e.snapshotKey = ?", arguments: [snapshotId])[snapshotId] ?? [:]
        }
    }

    /// One permission's states in every snapshot that holds it, by snapshot id.
    public func catalogEntries(permission: String) throws -> [Int64: [CatalogEntryState.Key: CatalogEntryState]] {
        try writer.read { db in
            try Self.entryStates(db, sql: "p.value = ?", arguments: [permission])
        }
    }

    /// Every permission's states in every snapshot, by permission name then snapshot id: one read for a site
    /// that shows every permission's history.
    public func allCatalogEntries() throws -> [String: [Int64: [CatalogEntryState.Key: CatalogEntryState]]] {
        let states = try writer.read { db in try Self.entryStates(db, sql: "1", arguments: [], allPaths: true) }
        var byName: [String: [Int64: [CatalogEntryState.Key: CatalogEntryState]]] = [:]
        for (snapshot, entries) in states {
            for (key, state) in entries { byName[key.permission, default: [:]][snapshot, default: [:]][key] = state }
        }
        return byName
    }

    /// `allPaths`: read every path set at once (for all permissions) rather than each one the versions name.
    private static func entryStates(_ db: Database, sql condition: String, arguments: StatementArguments, allPaths: Bool = false)
        throws -> [Int64: [CatalogEntryState.Key: CatalogEntryState]] {
        let versions = try Row.fetchAll(db, sql: """
            SELECT e.snapshotKey, p.kind, p.value AS permission, v.*
            FROM catalogSnapshotEntry e
            JOIN permissionVersion v ON v.id = e.versionKey
            JOIN permission p ON p.id = v.permissionKey
            WHERE \(condition)
            ORDER BY e.snapshotKey, p.value, p.kind, CASE v.scheme WHEN 'DelegatedPersonal' THEN 1 ELSE 0 END, v.id
            """, arguments: arguments)
        var paths: [Int64: [(String, String)]] = [:]
        func add(_ row: Row) {
            let least: String? = row["leastPrivilegeSchemes"]
            let also: String? = row["alsoRequires"]
            let annotation = [least.map { "least=\($0)" }, also.map { "alsoRequires=\($0)" }].compactMap { $0 }.joined(separator: "; ")
            paths[row["pathSetKey"], default: []].append(("\(row["method"] as String) \(row["path"] as String)", annotation))
        }
        if allPaths {
            try Row.fetchAll(db, sql: "SELECT * FROM apiPath ORDER BY pathSetKey, rowid").forEach(add)
        } else {
            for key in Set(versions.compactMap { $0["pathSetKey"] as Int64? }) {
                try Row.fetchAll(db, sql: "SELECT * FROM apiPath WHERE pathSetKey = ? ORDER BY rowid", arguments: [key]).forEach(add)
            }
        }
        var states: [Int64: [CatalogEntryState.Key: CatalogEntryState]] = [:]
        for row in versions {
            let snapshot: Int64 = row["snapshotKey"]
            let key = CatalogEntryState.Key(permission: row["permission"], kind: PermissionKind(rawValue: row["kind"])!)
            let scheme: String? = row["scheme"]
            var state = states[snapshot]?[key] ?? CatalogEntryState(key: key, fields: [:], apiPaths: [:])
            if state.fields.isEmpty {
                // The first version in scheme order (DelegatedWork before DelegatedPersonal) gives the fields.
                for name in CatalogEntryState.fieldNames where name != "supportsPersonalAccounts" {
                    state.fields[name] = text(row[name] as DatabaseValue, boolean: booleanFields.contains(name))
                }
                state.fields["supportsPersonalAccounts"] = key.kind == .delegated && scheme != nil ? "false" : nil
            }
            if scheme == "DelegatedPersonal" { state.fields["supportsPersonalAccounts"] = "true" }
            for (path, annotation) in (row["pathSetKey"] as Int64?).flatMap({ paths[$0] }) ?? [] {
                // A call listed under two schemes or path sets: its distinct annotations, in order.
                let known = state.apiPaths[path].map { $0.components(separatedBy: " | ") } ?? []
                state.apiPaths[path] = Set(known + [annotation]).filter { !$0.isEmpty }.sorted().joined(separator: " | ")
            }
            states[snapshot, default: [:]][key] = state
        }
        return states
    }

    private static let booleanFields: Set<String> = ["requiresAdminConsent", "isEnabled", "isHidden"]

    private static func text(_ value: DatabaseValue, boolean: Bool) -> String? {
        switch value.storage {
        case .null: nil
        case .int64(let int): boolean ? String(int != 0) : String(int)
        case .double(let double): String(double)
        case .string(let string): string
        case .blob: "(blob)"
        }
    }
}
