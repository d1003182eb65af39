/// Turns a snapshot's stored holdings into the `permissionHolding` view's rows, one holding at a time as
/// they are read: each app and each resolved (resource, permission) pair once, delegated holdings first,
/// then application ones, each in the stored order.
struct HoldingRowsBuilder {
    let tenantId: String, asOf: String
    /// The object ids the holdings name, by key.
    let ids: KeyedValues<String>
    /// The apps present in the snapshot, by object id.
    let apps: [String: PresentApp]
    /// The permissions as granted (a scope's value or an app role's id), by key.
    let permissions: KeyedValues<(kind: PermissionKind, name: String)>
    var resolver: PermissionResolver
    private var table = HoldingRows()
    private var applicationRows: [HoldingRows.Row] = []
    /// The table's number of each app (-1 for none yet), by the id's number in `ids`.
    private var appNumbers: [Int32]
    /// The entries each pair resolved to, by the resource's number in `ids` and the permission's.
    private var entryRanges: [Int64: Range<Int>] = [:]
    /// The table's number of each consent type, by its rank.
    private var consentTypes: [UInt8?] = Array(repeating: nil, count: HoldingConsentType.allCases.count)
    /// The last holding's (resource, permission) keys and their entries: holdings come sorted by pair, from
    /// the image as from the runs, so most holdings look nothing up but their app.
    private var lastPair: (resourceKey: Int64, permissionKey: Int64, entries: Range<Int>)?

    init(tenantId: String, asOf: String, ids: KeyedValues<String>, apps: [String: PresentApp],
         permissions: KeyedValues<(kind: PermissionKind, name: String)>, resolver: PermissionResolver) {
        (self.tenantId, self.asOf, self.ids, self.apps, self.permissions, self.resolver) = (tenantId, asOf, ids, apps, permissions, resolver)
        appNumbers = Array(repeating: -1, count: ids.values.count)
    }

    mutating func add(_ holding: StoredHolding) throws {
        // Checked on every holding, the skipped ones too: a holding whose objects are gone is an error (a pair's
        // keys once for the holdings of the pair that follow it).
        guard let client = ids.number(of: holding.clientKey), let consentType = holding.consentType else {
            throw StoreError.brokenHolding(key: holding.clientKey)
        }
        let entries = try entries(resourceKey: holding.resourceKey, permissionKey: holding.permissionKey, client: holding.clientKey)
        guard !entries.isEmpty else { return }
        let clientNumber = app(number: client)
        for entry in entries {
            let application = table.entries[entry].kind == .application
            let row = HoldingRows.Row(client: clientNumber, entry: entry, consentType: consentTypeNumber(application ? .application : consentType),
                                      principalCount: consentType == .principal ? holding.principalCount : nil)
            if application { applicationRows.append(row) } else { table.rows.append(row) }
        }
    }

    /// The entries of a holding's (resource, permission) pair, resolved the first time.
    private mutating func entries(resourceKey: Int64, permissionKey: Int64, client: Int64) throws -> Range<Int> {
        if let lastPair, lastPair.resourceKey == resourceKey, lastPair.permissionKey == permissionKey { return lastPair.entries }
        guard let resource = ids[resourceKey], let permission = permissions[permissionKey] else { throw StoreError.brokenHolding(key: client) }
        let pair = Int64(resource.number) << 32 | Int64(permission.number)
        let entries = try entryRanges[pair] ?? resolve(pair, permission: permission.value, resource: resource)
        lastPair = (resourceKey, permissionKey, entries)
        return entries
    }

    /// Whether the holdings of this (resource, permission) pair give rows: resolved once, as `add` would.
    /// Nil when the resource is none of this tenant's objects (another tenant's, or none: the caller tells).
    /// A permission key that names no permission is an error, as in `add`.
    mutating func keeps(_ held: HeldPair) throws -> Bool? {
        guard let permission = permissions[held.permissionKey] else { throw StoreError.brokenHolding(key: held.permissionKey) }
        guard let resource = ids[held.resourceKey] else { return nil }
        let pair = Int64(resource.number) << 32 | Int64(permission.number)
        return try !(entryRanges[pair] ?? resolve(pair, permission: permission.value, resource: resource)).isEmpty
    }

    /// The rows, delegated first.
    mutating func finish() -> HoldingRows {
        table.rows += applicationRows
        applicationRows = []
        return table
    }

    /// The pair's entries, resolved and added to the table.
    private mutating func resolve(_ pair: Int64, permission: (kind: PermissionKind, name: String),
                                  resource: (number: Int32, value: String)) throws -> Range<Int> {
        let first = table.entries.count, resourceNumber = app(number: resource.number)
        for resolution in try resolver.resolve(permission, on: apps[resource.value]) {
            table.entries.append(HoldingRows.Entry(resource: resourceNumber, resolution))
        }
        entryRanges[pair] = first..<table.entries.count
        return first..<table.entries.count
    }

    private mutating func consentTypeNumber(_ type: HoldingConsentType) -> UInt8 {
        if let known = consentTypes[Int(type.rank)] { return known }
        let number = table.consentTypeNumber(type.rawValue)
        consentTypes[Int(type.rank)] = number
        return number
    }

    /// The app's number in the table (by its id's number in `ids`), given the first time it is seen.
    private mutating func app(number: Int32) -> Int {
        if appNumbers[Int(number)] >= 0 { return Int(appNumbers[Int(number)]) }
        let id = ids.values[Int(number)], present = apps[id]
        table.apps.append(HoldingRows.App(tenantId: tenantId, asOf: asOf, id: id, appId: present?.appId,
                                          displayName: present?.displayName, publisher: present?.publisher,
                                          verifiedPublisherName: present?.verifiedPublisherName))
        appNumbers[Int(number)] = Int32(table.apps.count - 1)
        return table.apps.count - 1
    }
}
