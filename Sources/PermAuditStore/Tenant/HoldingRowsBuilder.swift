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

    init(tenantId: String, asOf: String, ids: KeyedValues<String>, apps: [String: PresentApp],
         permissions: KeyedValues<(kind: PermissionKind, name: String)>, resolver: PermissionResolver) {
        (self.tenantId, self.asOf, self.ids, self.apps, self.permissions, self.resolver) = (tenantId, asOf, ids, apps, permissions, resolver)
        appNumbers = Array(repeating: -1, count: ids.values.count)
    }

    mutating func add(_ holding: StoredHolding) throws {
        // Checked on every holding, the skipped ones too: a holding whose objects are gone is an error.
        guard let client = ids[holding.clientKey], let resource = ids[holding.resourceKey], let permission = permissions[holding.permissionKey],
              let consentType = holding.consentType else { throw StoreError.brokenHolding(key: holding.clientKey) }
        let pair = Int64(resource.number) << 32 | Int64(permission.number)
        let entries = try entryRanges[pair] ?? resolve(pair, permission: permission.value, resource: resource)
        guard !entries.isEmpty else { return }
        let clientNumber = app(client)
        for entry in entries {
            let application = table.entries[entry].kind == .application
            let row = HoldingRows.Row(client: clientNumber, entry: entry, consentType: consentTypeNumber(application ? .application : consentType),
                                      principalCount: consentType == .principal ? holding.principalCount : nil)
            if application { applicationRows.append(row) } else { table.rows.append(row) }
        }
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
        let first = table.entries.count, resourceNumber = app(resource)
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

    /// The app's number in the table, given the first time it is seen.
    private mutating func app(_ object: (number: Int32, value: String)) -> Int {
        if appNumbers[Int(object.number)] >= 0 { return Int(appNumbers[Int(object.number)]) }
        let present = apps[object.value]
        table.apps.append(HoldingRows.App(tenantId: tenantId, asOf: asOf, id: object.value, appId: present?.appId,
                                          displayName: present?.displayName, publisher: present?.publisher,
                                          verifiedPublisherName: present?.verifiedPublisherName))
        appNumbers[Int(object.number)] = Int32(table.apps.count - 1)
        return table.apps.count - 1
    }
}
