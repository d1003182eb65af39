import GRDB

/// One tenant snapshot's holdings: the rows of the `permissionHolding` view for that snapshot, computed in
/// steps whose cost does not depend on SQLite's planner. The view joins every holding to
/// `servicePrincipalAt` and `catalogPermission`, both views; on a tenant with 50,000 apps the planner scans
/// them once per holding, which took over 15 minutes for 250,000 grants. Here SQL only reads the holdings
/// stored at import (HoldingWriter) as integers; the apps, their published scopes and roles and the catalog
/// are read once into dictionaries, and each holding is resolved by lookups, by the view's own rules.
/// The test suite checks that both give the same rows.
struct SnapshotHoldings {
    let db: Database
    let snapshotId: Int64
    /// Only these holding versions, and every holding on these resources; all when nil.
    var subset: HoldingSubset?
    /// Only the holdings of these permissions as granted; all when nil.
    var held: HeldPermissions?
    /// The catalog, when the caller reads it once for several snapshots; else read here.
    var catalog: CatalogLookup?

    /// With `adminConsentOnly`, only the holdings whose permission required an administrator's consent or
    /// whose requirement is unknown (the report's, a tenth of all); the others are never built.
    func fetch(adminConsentOnly: Bool = false) throws -> [PermissionHolding] {
        guard let snapshot = try Row.fetchOne(db, sql: "SELECT tenantId, asOf FROM tenantSnapshot WHERE id = ?",
                                              arguments: [snapshotId]) else { return [] }
        let tenantId: String = snapshot[0], asOf: String = snapshot[1]
        let (delegated, application) = try storedHoldings(tenantId: tenantId, asOf: asOf)
        // A subset's holdings name a few thousand of the tenant's apps: only those are read.
        let named = subset.map { _ in Set(delegated.flatMap { [$0.clientId, $0.resourceId] } + application.flatMap { [$0.clientId, $0.resourceId] }) }
        let apps = try appsPresent(tenantId: tenantId, only: named)
        let resources = Set(delegated.map(\.resourceId) + application.map(\.resourceId)).compactMap { apps[$0] }
        let published = try PublishedPermissions(db: db, versionKeys: resources.map(\.versionKey))
        let catalog = try self.catalog ?? CatalogLookup(db: db)

        var holdings: [PermissionHolding] = []
        func add(_ clientId: String, _ resourceId: String, _ resolution: Resolution) {
            if adminConsentOnly && resolution.requiresAdminConsent == false { return }
            let client = apps[clientId], resource = apps[resourceId]
            holdings.append(PermissionHolding(
                tenantId: tenantId, asOf: asOf, clientId: clientId, clientAppId: client?.appId,
                clientDisplayName: client?.displayName, publisher: client?.publisher,
                verifiedPublisherName: client?.verifiedPublisherName, resourceId: resourceId,
                resourceAppId: resource?.appId, resourceDisplayName: resource?.displayName,
                permission: resolution.permission, permissionId: resolution.permissionId, kind: resolution.kind,
                consentType: resolution.consentType, principalCount: resolution.principalCount,
                requiresAdminConsent: resolution.requiresAdminConsent, resolvedBy: resolution.resolvedBy,
                privilegeLevel: resolution.privilegeLevel))
        }

        for row in delegated {
            let resource = apps[row.resourceId]
            let scopes = resource.map { published.scopes(versionKey: $0.versionKey, value: row.permission) } ?? []
            let entries = resource?.appId.map { catalog.delegated(resourceAppId: $0, permission: row.permission) } ?? []
            for scope in optionalRows(scopes) {
                for entry in optionalRows(entries) {
                    add(row.clientId, row.resourceId, .delegated(row, scope: scope, catalog: entry))
                }
            }
        }
        for row in application {
            let resource = apps[row.resourceId]
            let role = resource.flatMap { published.role(versionKey: $0.versionKey, id: row.appRoleId) }
            let entries = resource?.appId.map { catalog.application(resourceAppId: $0, permissionId: row.appRoleId) } ?? []
            for entry in optionalRows(entries) {
                add(row.clientId, row.resourceId, .application(row, role: role, catalog: entry))
            }
        }
        return holdings
    }

    /// A LEFT JOIN's rows: each match, or one row of NULLs when nothing matches.
    private func optionalRows<T>(_ matches: [T]) -> [T?] {
        matches.isEmpty ? [nil] : matches.map { $0 }
    }

    /// The service principals present in the snapshot (those with these object ids, when given), by object id.
    private func appsPresent(tenantId: String, only ids: Set<String>?) throws -> [String: PresentApp] {
        var apps: [String: PresentApp] = [:]
        let onlyThese = "AND versionKey IN (SELECT versionKey FROM servicePrincipal WHERE tenantId = ? AND id IN (SELECT value FROM json_each(?)))"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, versionKey, appId, displayName, publisher, verifiedPublisherName
            FROM servicePrincipalAt WHERE snapshotKey = ? \(ids == nil ? "" : onlyThese)
            """, arguments: ids.map { [snapshotId, tenantId, HoldingSubset.jsonArray($0)] } ?? [snapshotId])
        while let row = try rows.next() {
            // Names whole, NUL included: a name cut at its NUL could pass for another app's.
            apps[row[0]] = PresentApp(versionKey: row[1], appId: row[2], displayName: try row.wholeText(at: 3), publisher: row[4],
                                      verifiedPublisherName: try row.wholeText(at: 5))
        }
        return apps
    }

    /// The snapshot's holdings before resolution, as stored at import (HoldingWriter): the holdings present on
    /// the snapshot's date read as integers, a subset or held permissions chosen by key in SQL through the
    /// holdings' indexes; then the object ids and permission names of the keys they use.
    private func storedHoldings(tenantId: String, asOf: String) throws -> (delegated: [DelegatedRow], application: [ApplicationRow]) {
        var stored: [StoredHolding] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT h.clientKey, h.resourceKey, h.permissionKey, h.consentType, h.principalCount "
                                           + storedRead, arguments: try storedReadArguments(tenantId: tenantId, asOf: asOf))
        while let row = try rows.next() {
            stored.append(StoredHolding(clientKey: row[0], resourceKey: row[1], permissionKey: row[2], consentType: row[3], principalCount: row[4]))
        }
        let ids = try objectIds(tenantId: tenantId, only: subset == nil && held == nil ? nil : Set(stored.flatMap { [$0.clientKey, $0.resourceKey] }))
        var permissions: [Int64: (kind: String, name: String)] = [:]
        let names = try Row.fetchCursor(db, sql: "SELECT permissionKey, kind, name FROM heldPermission")
        while let row = try names.next() { permissions[row[0]] = (row[1], try row.wholeText(at: 2) ?? "") }

        var delegated: [DelegatedRow] = [], application: [ApplicationRow] = []
        for holding in stored {
            guard let clientId = ids[holding.clientKey], let resourceId = ids[holding.resourceKey], let permission = permissions[holding.permissionKey] else {
                throw StoreError.brokenHolding(key: holding.clientKey)
            }
            if permission.kind == PermissionKind.application.rawValue {
                application.append(ApplicationRow(clientId: clientId, resourceId: resourceId, appRoleId: permission.name))
            } else {
                delegated.append(DelegatedRow(clientId: clientId, resourceId: resourceId, consentType: holding.consentType, permission: permission.name,
                                              principalCount: holding.consentType == "Principal" ? holding.principalCount : nil))
            }
        }
        return (delegated, application)
    }

    /// The tenant's object ids by key: every one, or only these keys (a page's few thousand of 50,000).
    private func objectIds(tenantId: String, only keys: Set<Int64>?) throws -> [Int64: String] {
        let rows = try keys.map { keys in
            try Row.fetchCursor(db, sql: "SELECT objectKey, id FROM tenantObject WHERE objectKey IN (SELECT value FROM json_each(?))",
                                arguments: [Self.jsonArray(Array(keys))])
        } ?? Row.fetchCursor(db, sql: "SELECT objectKey, id FROM tenantObject WHERE tenantId = ?", arguments: [tenantId])
        var ids: [Int64: String] = [:]
        while let row = try rows.next() { ids[row[0]] = row[1] }
        return ids
    }

    /// The FROM and WHERE of the stored read. All of a snapshot is read through its presence runs; a
    /// subset or some permissions through the holdings' indexes first (the `+` keeps SQLite from looking the
    /// runs up by date, which would visit every run of the tenant once per holding).
    private var storedRead: String {
        guard subset != nil || held != nil else {
            return """
                FROM holdingPresence p JOIN holding h ON h.holdingKey = p.holdingKey
                WHERE p.tenantId = :tenant AND p.lastSeen >= :asOf AND p.firstSeen <= :asOf
                """
        }
        var conditions = ["+p.tenantId = :tenant", "+p.lastSeen >= :asOf", "p.firstSeen <= :asOf"]
        if let subset {
            // Each side alone when the other is empty, so that SQLite uses the index with the permission too.
            let byVersion = "h.holdingKey IN (SELECT value FROM json_each(:versions))", byResource = "h.resourceKey IN (SELECT value FROM json_each(:resources))"
            conditions.append(subset.versions.isEmpty ? byResource : subset.resources.isEmpty ? byVersion : "(\(byVersion) OR \(byResource))")
        }
        if let held { conditions.append("h.permissionKey IN (\(held.keysSQL))") }
        return "FROM holding h CROSS JOIN holdingPresence p ON p.holdingKey = h.holdingKey WHERE " + conditions.joined(separator: " AND ")
    }

    private func storedReadArguments(tenantId: String, asOf: String) throws -> StatementArguments {
        var arguments: [String: any DatabaseValueConvertible] = ["tenant": tenantId, "asOf": asOf]
        if let subset {
            let resourceKeys = try Int64.fetchAll(db, sql: "SELECT objectKey FROM tenantObject WHERE tenantId = ? AND id IN (SELECT value FROM json_each(?))",
                                                  arguments: [tenantId, HoldingSubset.jsonArray(subset.resources)])
            arguments["versions"] = Self.jsonArray(Array(subset.versions))
            arguments["resources"] = Self.jsonArray(resourceKeys)
        }
        if let held { arguments.merge(held.arguments) { _, new in new } }
        return StatementArguments(arguments)
    }

    private static func jsonArray(_ keys: [Int64]) -> String {
        "[" + keys.sorted().map(String.init).joined(separator: ",") + "]"
    }
}

/// Permissions as granted: every one of a kind, or those of these names (a scope's value, an app role's id).
struct HeldPermissions {
    var kind: PermissionKind
    var names: [String]?

    var keysSQL: String {
        "SELECT permissionKey FROM heldPermission WHERE kind = :heldKind" + (names == nil ? "" : " AND name IN (SELECT value FROM json_each(:heldNames))")
    }

    var arguments: [String: any DatabaseValueConvertible] {
        var values: [String: any DatabaseValueConvertible] = ["heldKind": kind.rawValue]
        if let names { values["heldNames"] = HoldingSubset.jsonArray(Set(names)) }
        return values
    }
}

/// A service principal present in the snapshot.
private struct PresentApp {
    var versionKey: Int64
    var appId: String?
    var displayName: String?
    var publisher: String
    var verifiedPublisherName: String?
}

/// A holding as stored: integer keys, resolved to ids and names by `storedHoldings`.
private struct StoredHolding {
    var clientKey: Int64
    var resourceKey: Int64
    var permissionKey: Int64
    var consentType: String
    var principalCount: Int
}

private struct DelegatedRow {
    var clientId: String
    var resourceId: String
    var consentType: String
    var permission: String
    var principalCount: Int?
}

private struct ApplicationRow {
    var clientId: String
    var resourceId: String
    var appRoleId: String
}

/// How one holding resolved: the resource's own published scope or role first, then the catalog.
private struct Resolution {
    var permission: String?
    var permissionId: String?
    var kind: PermissionKind
    var consentType: String
    var principalCount: Int?
    var requiresAdminConsent: Bool?
    var resolvedBy: String?
    var privilegeLevel: Int?

    static func delegated(_ row: DelegatedRow, scope: PublishedScope?, catalog entry: CatalogEntry?) -> Resolution {
        Resolution(
            permission: row.permission, permissionId: scope?.id ?? entry?.permissionId, kind: .delegated,
            consentType: row.consentType, principalCount: row.principalCount,
            requiresAdminConsent: scope.map { $0.type.map { $0 == "Admin" } } ?? entry?.requiresAdminConsent,
            resolvedBy: scope != nil ? "resourceServicePrincipal" : entry?.requiresAdminConsentSource,
            privilegeLevel: entry?.privilegeLevel)
    }

    static func application(_ row: ApplicationRow, role: PublishedRole?, catalog entry: CatalogEntry?) -> Resolution {
        Resolution(
            permission: role?.value ?? entry?.permission, permissionId: row.appRoleId, kind: .application,
            consentType: "Application", principalCount: nil,
            requiresAdminConsent: role != nil || entry != nil ? true : nil,
            resolvedBy: role != nil ? "resourceServicePrincipal" : entry != nil ? "catalog" : nil,
            privilegeLevel: entry?.privilegeLevel)
    }
}

private struct PublishedScope {
    var id: String
    var type: String?
}

private struct PublishedRole {
    var value: String?
}

/// The scopes and app roles the resource service principals publish, by version.
private struct PublishedPermissions {
    private var scopesByKey: [Int64: [String: [PublishedScope]]] = [:]
    private var rolesByKey: [Int64: [String: PublishedRole]] = [:]

    init(db: Database, versionKeys: [Int64]) throws {
        let scopes = try db.makeStatement(sql: "SELECT value, id, type FROM servicePrincipalScope WHERE versionKey = ?")
        let roles = try db.makeStatement(sql: "SELECT id, value FROM servicePrincipalAppRole WHERE versionKey = ?")
        for key in Set(versionKeys) {
            var byValue: [String: [PublishedScope]] = [:]
            for row in try Row.fetchAll(scopes, arguments: [key]) {
                byValue[row[0], default: []].append(PublishedScope(id: row[1], type: row[2]))
            }
            scopesByKey[key] = byValue
            rolesByKey[key] = Dictionary(try Row.fetchAll(roles, arguments: [key]).map { ($0[0], PublishedRole(value: $0[1])) },
                                         uniquingKeysWith: { first, _ in first })
        }
    }

    func scopes(versionKey: Int64, value: String) -> [PublishedScope] {
        scopesByKey[versionKey]?[value] ?? []
    }

    func role(versionKey: Int64, id: String) -> PublishedRole? {
        rolesByKey[versionKey]?[id]
    }
}

private struct CatalogEntry {
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

    fileprivate func delegated(resourceAppId: String, permission: String) -> [CatalogEntry] {
        delegatedByName[Key(resourceAppId: resourceAppId, name: permission)] ?? []
    }

    fileprivate func application(resourceAppId: String, permissionId: String) -> [CatalogEntry] {
        applicationById[Key(resourceAppId: resourceAppId, name: permissionId)] ?? []
    }
}
