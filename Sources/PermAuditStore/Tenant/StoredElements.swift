import GRDB

/// The elements a tenant's stored versions were last read from (migration 0028), with those versions' keys:
/// loaded before anything else of the tenant, so that the thread that reads the export can make them into
/// `KnownElements` (their tables built there) and pass over the elements it finds there, while the import
/// loads the rest. Immutable once made.
public struct StoredElements: Sendable {
    let servicePrincipals: Remembered
    let grants: Remembered
    let assignments: Remembered

    public static let none = StoredElements(servicePrincipals: Remembered(), grants: Remembered())

    /// How many elements are remembered, in all collections.
    public var count: Int { servicePrincipals.keys.count + grants.keys.count + assignments.keys.count }

    /// The collections whose versions remember the element they were read from (migrations 0028 and 0032).
    static let collections = ["servicePrincipal", "oauth2PermissionGrant", "appRoleAssignment"]

    /// One collection's remembered elements: ascending version keys, with each version's element digest at the same index.
    struct Remembered: Sendable {
        var keys: [UInt32] = []
        var digests: [ContentDigest] = []

        /// The element the version was last read from, if one is remembered.
        func element(ofVersion key: Int64) -> ContentDigest? {
            var (low, high) = (0, keys.count)
            while low < high {
                let middle = (low + high) / 2
                if Int64(keys[middle]) < key { low = middle + 1 } else { high = middle }
            }
            return low < keys.count && Int64(keys[low]) == key ? digests[low] : nil
        }
    }

    init(servicePrincipals: Remembered, grants: Remembered, assignments: Remembered = Remembered()) {
        self.servicePrincipals = servicePrincipals
        self.grants = grants
        self.assignments = assignments
    }

    /// The tenant's remembered elements. A database of one tenant, the usual, has only the tenant's; with more,
    /// each table is joined to its versions for the tenant's own (two tenants may have exported the same bytes), which
    /// took twice as long. Read with a small page cache, like the versions.
    init(_ db: Database, tenantId: String) throws {
        let tenantKey = try TenantKey.existing(db, tenantId: tenantId)
        let onlyTenant = try tenantKey != nil && Int.fetchOne(db, sql: "SELECT count(*) FROM tenant") == 1
        func read(_ collection: String, tenantColumn: String, of tenant: some DatabaseValueConvertible) throws -> Remembered {
            let table = StoredVersions.table(of: collection)
            let last = try Int.fetchOne(db, sql: "SELECT max(versionKey) FROM \(collection)Element") ?? 0
            return try Self.read(db, sql: """
                SELECT e.versionKey, e.digest0, e.digest1, e.digest2, e.digest3 FROM \(collection)Element e
                \(onlyTenant ? "" : "JOIN \(table) v USING (versionKey) WHERE v.\(tenantColumn) = ?") ORDER BY e.versionKey
                """, arguments: onlyTenant ? [] : [tenant], table: table, last: last)
        }
        (servicePrincipals, grants, assignments) = try db.withCache(mainKiB: 2048, tempKiB: 2048) {
            (try read("servicePrincipal", tenantColumn: "tenantId", of: tenantId),
             try tenantKey.map { try read("oauth2PermissionGrant", tenantColumn: "tenantKey", of: $0) } ?? Remembered(),
             try read("appRoleAssignment", tenantColumn: "tenantId", of: tenantId))
        }
    }

    /// The arrays are made as large as the table's last key first: grown as they were filled, each freed its
    /// old storage, which raised the allocator's threshold for mapping large blocks, and the import's later
    /// arrays then stayed in its heap (with the open runs read into the large page cache, a two-million-grant weekly import took 303 MB, over its 300).
    private static func read(_ db: Database, sql: String, arguments: StatementArguments, table: String, last: Int) throws -> Remembered {
        var remembered = Remembered()
        remembered.keys.reserveCapacity(last)
        remembered.digests.reserveCapacity(last)
        try db.forEachRow(sql: sql, arguments: arguments) { row in
            remembered.keys.append(try narrowKey(row.int64(0), in: table))
            remembered.digests.append(row.contentDigest(words: 1))
        }
        return remembered
    }

    func remembered(in collection: KnownElements.Collection) -> Remembered {
        switch collection {
        case .servicePrincipals: servicePrincipals
        case .grants: grants
        case .assignments: assignments
        }
    }
}
