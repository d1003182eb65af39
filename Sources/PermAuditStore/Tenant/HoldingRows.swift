/// Holdings as a table: each app, each resolved permission, each risk and each date once, and every holding
/// a row of small integers. When thousands of users each consented to their own scopes, a report has over a
/// million rows of twenty-eight fields: as `PermissionHolding` values they took over a gigabyte and most of
/// the report's time went into copying, retaining and releasing their strings; as rows, 32 bytes each.
/// Read as a collection, each row is made a `PermissionHolding` when it is asked for.
public struct HoldingRows: RandomAccessCollection, Sendable {
    /// An app a holding names, as its client or as its resource, in one tenant snapshot.
    public struct App: Hashable, Sendable {
        public var tenantId: String
        public var asOf: String
        public var id: String
        public var appId: String?
        public var displayName: String?
        public var publisher: String?
        public var verifiedPublisherName: String?
    }

    /// A permission on a resource app, as it resolved.
    public struct Entry: Hashable, Sendable {
        /// The resource, an index into `apps`.
        public var resource: Int
        public var permission: String?
        public var permissionId: String?
        public var kind: PermissionKind
        public var requiresAdminConsent: Bool?
        public var resolvedBy: String?
        public var privilegeLevel: Int?
    }

    /// One holding: indexes into the tables (risk and first-seen date one past theirs, 0 for none).
    public struct Row: Sendable {
        /// Its user count, `Int.min` for none (counts are never negative).
        private var count: Int
        public var client: UInt32
        public var entry: UInt32
        var riskPlusOne: UInt32 = 0
        var firstSeenPlusOne: UInt32 = 0
        public var consentType: UInt8

        public init(client: Int, entry: Int, consentType: UInt8, principalCount: Int?) {
            precondition(principalCount != .min, "a user count of Int.min")
            (self.client, self.entry, self.consentType, count) = (UInt32(client), UInt32(entry), consentType, principalCount ?? .min)
        }

        public var principalCount: Int? { count == .min ? nil : count }
        public var risk: Int? { riskPlusOne == 0 ? nil : Int(riskPlusOne) - 1 }
        public var firstSeen: Int? { firstSeenPlusOne == 0 ? nil : Int(firstSeenPlusOne) - 1 }
    }

    public internal(set) var apps: [App] = []
    public internal(set) var entries: [Entry] = []
    public internal(set) var consentTypes: [String] = []
    public internal(set) var risks: [HoldingRisk] = []
    public internal(set) var dates: [String] = []
    public internal(set) var rows: [Row] = []

    public init() {}

    /// The holdings interned: equal apps, entries, risks and dates are stored once.
    public init(_ holdings: some Sequence<PermissionHolding>) {
        var interner = HoldingRowsInterner()
        for holding in holdings { interner.append(holding) }
        self = interner.table
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rows.count }

    public subscript(position: Int) -> PermissionHolding {
        holding(rows[position])
    }

    /// The row as the `PermissionHolding` it stands for.
    public func holding(_ row: Row) -> PermissionHolding {
        let client = apps[Int(row.client)], entry = entries[Int(row.entry)], resource = apps[entry.resource]
        return PermissionHolding(
            tenantId: client.tenantId, asOf: client.asOf, clientId: client.id, clientAppId: client.appId,
            clientDisplayName: client.displayName, publisher: client.publisher, verifiedPublisherName: client.verifiedPublisherName,
            resourceId: resource.id, resourceAppId: resource.appId, resourceDisplayName: resource.displayName,
            permission: entry.permission, permissionId: entry.permissionId, kind: entry.kind,
            consentType: consentTypes[Int(row.consentType)], principalCount: row.principalCount,
            requiresAdminConsent: entry.requiresAdminConsent, resolvedBy: entry.resolvedBy, privilegeLevel: entry.privilegeLevel,
            firstSeen: row.firstSeen.map { dates[$0] }, risk: row.risk.map { risks[$0] })
    }

    /// The same tables with these rows (some of this table's, in any order).
    public func with(rows: [Row]) -> HoldingRows {
        var table = self
        table.rows = rows
        return table
    }

    /// The rows sorted by integer keys compared in turn (`keys[k][i]` is row i's k-th key); rows whose
    /// keys are all equal keep their order. Sorted by the last key first, each pass stable (a radix sort).
    public func sorted(byKeys keys: [[Int]]) -> HoldingRows {
        var order = Array(rows.indices)
        for column in keys.reversed() {
            let keys = order.map { column[$0] }
            order = Self.stableOrder(keys).map { order[$0] }
        }
        return with(rows: order.map { rows[$0] })
    }

    /// The indices of `keys` in the keys' order, equal keys in index order: counted into buckets when the
    /// keys span few values (a report's ranks), else compared.
    static func stableOrder(_ keys: [Int]) -> [Int] {
        guard let low = keys.min(), let high = keys.max(), case let (span, overflow) = high.subtractingReportingOverflow(low),
              !overflow, span <= Swift.max(keys.count, 1 << 16) else {
            return keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
        }
        var starts = [Int](repeating: 0, count: high - low + 2)
        for key in keys { starts[key - low + 1] += 1 }
        for bucket in starts.indices.dropFirst() { starts[bucket] += starts[bucket - 1] }
        var order = [Int](repeating: 0, count: keys.count)
        for (index, key) in keys.enumerated() {
            order[starts[key - low]] = index
            starts[key - low] += 1
        }
        return order
    }

    /// Each row given its risk: row i the one at `numbers[i]` in `risks`.
    public func classified(_ risks: [HoldingRisk], numbers: [Int]) -> HoldingRows {
        var table = self
        table.risks = risks
        for (index, number) in numbers.enumerated() { table.rows[index].riskPlusOne = UInt32(number + 1) }
        return table
    }

    /// Another snapshot's rows after these, its tables joined to these.
    public mutating func append(contentsOf other: HoldingRows) {
        guard !rows.isEmpty else { return self = other }
        var interner = HoldingRowsInterner(table: self)
        for holding in other { interner.append(holding) }
        self = interner.table
    }
}

extension HoldingRows {
    /// The number of a consent type (its bytes), given one the first time it is seen.
    mutating func consentTypeNumber(_ consentType: String) -> UInt8 {
        if let known = consentTypes.firstIndex(where: { $0.utf8.elementsEqual(consentType.utf8) }) { return UInt8(known) }
        // Graph has three consent types, and the import accepts no other.
        precondition(consentTypes.count < 256, "more than 256 consent types")
        consentTypes.append(consentType)
        return UInt8(consentTypes.count - 1)
    }
}
