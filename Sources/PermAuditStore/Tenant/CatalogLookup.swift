import GRDB

/// A current catalog permission as holdings resolve against it.
struct CatalogEntry {
    var permission: String
    var permissionId: String?
    var requiresAdminConsent: Bool?
    var requiresAdminConsentSource: String?
    var privilegeLevel: Int?
}

/// The current catalog's permissions, by name (delegated) and by GUID (application). The whole catalog is
/// a few thousand rows, read in about 0.15 s: a diff reads it once for both snapshots.
struct CatalogLookup {
    private struct Key: Hashable {
        var resourceAppId: String
        var name: String
    }

    private var delegatedByName: [Key: [CatalogEntry]] = [:]
    private var applicationById: [Key: [CatalogEntry]] = [:]

    init(db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT resourceAppId, kind, permission, permissionId, requiresAdminConsent, requiresAdminConsentSource,
                   privilegeLevel
            FROM catalogPermission
            """)
        while let row = try rows.next() {
            add(CatalogEntry(permission: row[2], permissionId: row[3], requiresAdminConsent: row[4],
                             requiresAdminConsentSource: row[5], privilegeLevel: row[6]), resourceAppId: row[0], kind: row[1])
        }
    }

    /// Only these permissions (already read): enough to resolve the holdings of these permissions alone.
    init(only permissions: [CatalogPermission]) {
        for permission in permissions {
            add(CatalogEntry(permission: permission.permission, permissionId: permission.permissionId,
                             requiresAdminConsent: permission.requiresAdminConsent,
                             requiresAdminConsentSource: permission.requiresAdminConsentSource, privilegeLevel: permission.privilegeLevel),
                resourceAppId: permission.resourceAppId, kind: permission.kind.rawValue)
        }
    }

    private mutating func add(_ entry: CatalogEntry, resourceAppId appId: String, kind: String) {
        if kind == PermissionKind.delegated.rawValue {
            delegatedByName[Key(resourceAppId: appId, name: entry.permission), default: []].append(entry)
        } else if let id = entry.permissionId {
            applicationById[Key(resourceAppId: appId, name: id), default: []].append(entry)
        }
    }

    func delegated(resourceAppId: String, permission: String) -> [CatalogEntry] {
        delegatedByName[Key(resourceAppId: resourceAppId, name: permission)] ?? []
    }

    func application(resourceAppId: String, permissionId: String) -> [CatalogEntry] {
        applicationById[Key(resourceAppId: resourceAppId, name: permissionId)] ?? []
    }
}
