/// Adds up a snapshot's holdings in memory while the sink receives its grants and assignments, by the rules
/// of the `permissionHolding` view: grants are grouped by (client, resource, consent type, scope string) and
/// each group counts its distinct users; every scope of the string is held with the group's users, summed
/// over the groups for Principal grants, 0 for AllPrincipals ones. App role assignments to service principals
/// are Application holdings. Apps, resources and users come as their keys (InternedIds); permissions are
/// numbered densely here, the writer gives them their keys, and the holdings are made with those keys
/// directly (two million of them for a million grants).
struct HoldingTally {
    /// Permissions, numbered from 0 in the order they came.
    private(set) var permissions = Numbering<HeldPermissionName>()
    /// Each scope string's scopes (as permission numbers), by its stored scopeSetKey.
    private var scopeSetNumbers = KeyNumbers()
    private var scopeSetStarts: [Int32] = [0]
    private var scopeSetValues = PermissionNumbers()
    /// The grants added, by client, resource, scope set number and user: the new versions as they come, then
    /// (counting every grant) the stored ones the export holds (TenantSink's `finishReading`).
    private(set) var grants: [GrantEntry] = []
    private(set) var assignments: Set<AssignmentEntry> = []
    /// The assignments added that the latest snapshot did not hold, for `deltas`.
    private(set) var comingAssignments: [AssignmentEntry] = []
    /// The holdings that may differ from the latest snapshot's, when only they are counted (TenantSink's
    /// `countOnlyChanges`) instead of all the snapshot's.
    var deltas: [HoldingDelta]?

    /// Room for an export like the latest snapshot, so that the grants do not grow (and hold their old and new
    /// storage at once) while the export streams.
    mutating func reserve(grants count: Int) {
        grants.reserveCapacity(count)
    }

    /// A grant by its keys; `scopeValues` are its scope string's values, split only for a scope set the tally
    /// has not had yet.
    mutating func add(_ grant: GrantKeys, scopeValues: @autoclosure () throws -> [String]) rethrows {
        grants.append(GrantEntry(client: grant.client, resource: grant.resource, scopeSet: try scopeSetNumber(grant.scopeSet, scopeValues),
                                 user: grant.user))
    }

    /// Whether a stored scope set's values are numbered already (a new grant carrying it came).
    func hasScopeSet(_ key: UInt32) -> Bool {
        scopeSetNumbers[Int64(key)] != nil
    }

    /// A stored scope set's values, before the grants that carry it (`add(numbered:)`).
    mutating func addScopeSet(_ key: UInt32, values: [String]) {
        _ = scopeSetNumber(key) { values }
    }

    /// A grant whose scope set is numbered already.
    mutating func add(numbered grant: GrantKeys) {
        grants.append(GrantEntry(client: grant.client, resource: grant.resource, scopeSet: scopeSetNumbers[Int64(grant.scopeSet)]!,
                                 user: grant.user))
    }

    /// Whether an app role assignment is a holding: one to a service principal, of a role (not the default
    /// access of the all-zero id).
    static func holds(_ assignment: TenantAssignment) -> Bool {
        assignment.principalType == "ServicePrincipal" && assignment.appRoleId != "00000000-0000-0000-0000-000000000000"
    }

    /// An assignment that `holds`, with its client's and resource's keys; `coming` when the latest snapshot
    /// did not hold its version.
    mutating func add(_ assignment: TenantAssignment, client: UInt32, resource: UInt32, coming: Bool) {
        let entry = assignmentEntry(assignment.appRoleId, client: client, resource: resource)
        assignments.insert(entry)
        if coming { comingAssignments.append(entry) }
    }

    mutating func assignmentEntry(_ appRoleId: String, client: UInt32, resource: UInt32) -> AssignmentEntry {
        AssignmentEntry(client: client, resource: resource, permission: permissions.number(of: HeldPermissionName(kind: "application", name: appRoleId)))
    }

    /// A grant of these keys as the tally counts it, if its scope set is numbered.
    func entry(_ grant: GrantKeys) -> GrantEntry? {
        scopeSetNumbers[Int64(grant.scopeSet)].map { GrantEntry(client: grant.client, resource: grant.resource, scopeSet: $0, user: grant.user) }
    }

    /// The permission numbers of a numbered scope set.
    func forEachPermission(ofScopeSet number: Int32, _ body: (Int32) -> Void) {
        for index in Int(scopeSetStarts[Int(number)])..<Int(scopeSetStarts[Int(number) + 1]) { body(scopeSetValues[index]) }
    }

    private mutating func scopeSetNumber(_ key: UInt32, _ values: () throws -> [String]) rethrows -> Int32 {
        let key = Int64(key)
        if let number = scopeSetNumbers[key] { return number }
        let number = Int32(scopeSetStarts.count - 1)
        scopeSetNumbers[key] = number
        for value in try values() {
            scopeSetValues.append(permissions.number(of: HeldPermissionName(kind: "delegated", name: value)))
        }
        scopeSetStarts.append(Int32(scopeSetValues.count))
        return number
    }

    /// The holdings, with the keys the writer gave the numbered permissions (`permissionKeys[n]` is
    /// permission n's). Consumes the tally: what it gathered is freed before the holdings are stored. The holdings
    /// are counted first and made into storage of that size: grown as they came, their array held its old
    /// and new storage at once, the peak of a two-million-grant import (over 100 MB).
    mutating func holdings(permissionKeys: [UInt32]) -> [KeyedHolding] {
        // What the numbering needed is freed first: the holdings are made from the numbers alone.
        var counts = PairCounts(permissions: permissions.values.count)
        (permissions, scopeSetNumbers) = (Numbering(), KeyNumbers())
        grants.sort()
        var count = assignments.count
        forEachPair { pair in
            add(pair, to: &counts)
            counts.drain { _, _, _ in count += 1 }
        }
        var result: [KeyedHolding] = []
        result.reserveCapacity(count)
        forEachPair { pair in
            let (client, resource) = (pair.first!.client, pair.first!.resource)
            add(pair, to: &counts)
            counts.drain { permission, consentType, users in
                result.append(KeyedHolding(client: client, resource: resource, permission: permissionKeys[Int(permission)],
                                           consentType: consentType, principalCount: users))
            }
        }
        for entry in assignments {
            result.append(KeyedHolding(client: entry.client, resource: entry.resource,
                                       permission: permissionKeys[Int(entry.permission)], consentType: .application, principalCount: 0))
        }
        self = HoldingTally()
        return result
    }

    /// Each client's grants on each resource in turn (the grants sorted).
    private func forEachPair(_ body: (ArraySlice<GrantEntry>) -> Void) {
        var start = 0
        while start < grants.count {
            var end = start
            while end < grants.count && grants[end].client == grants[start].client && grants[end].resource == grants[start].resource { end += 1 }
            body(grants[start..<end])
            start = end
        }
    }

    /// Counts one client's grants on one resource (sorted by scope set and user, a repeated grant once).
    private func add(_ grants: ArraySlice<GrantEntry>, to counts: inout PairCounts) {
        var previous: GrantEntry?
        for entry in grants where entry != previous {
            previous = entry
            for index in Int(scopeSetStarts[Int(entry.scopeSet)])..<Int(scopeSetStarts[Int(entry.scopeSet) + 1]) {
                counts.add(scopeSetValues[index], user: entry.user)
            }
        }
    }
}

/// One pair's holdings as they are counted, by permission number: arrays as long as the tenant's permissions,
/// reused for every pair (a dictionary and a set made for each of a million grants' pairs took a second).
private struct PairCounts {
    /// The users of the pair's Principal grants that hold each permission.
    private var users: [UInt32]
    private var tenantWide: [Bool]
    /// The permissions counted since the last `drain`, each once.
    private var touched: [Int32] = []

    init(permissions: Int) {
        users = Array(repeating: 0, count: permissions)
        tenantWide = Array(repeating: false, count: permissions)
    }

    /// A grant's permission, for its user (0 for a tenant-wide grant).
    mutating func add(_ permission: Int32, user: UInt32) {
        let index = Int(permission)
        if users[index] == 0 && !tenantWide[index] { touched.append(permission) }
        if user == 0 { tenantWide[index] = true } else { users[index] += 1 }
    }

    /// The holdings counted (permission, consent type, users), and a fresh start for the next pair.
    mutating func drain(_ body: (Int32, HoldingConsentType, UInt32) -> Void) {
        for permission in touched {
            let index = Int(permission)
            if tenantWide[index] { body(permission, .allPrincipals, 0) }
            if users[index] > 0 { body(permission, .principal, users[index]) }
            (users[index], tenantWide[index]) = (0, false)
        }
        touched.removeAll(keepingCapacity: true)
    }
}

/// Compared and hashed by bytes, as SQLite compares the stored names: Swift's String equality would take a
/// composed and a decomposed "é" for one permission and count both scopes' holders as one holding.
struct HeldPermissionName: Hashable {
    let kind: String
    let name: String

    static func == (a: Self, b: Self) -> Bool {
        a.kind.utf8.elementsEqual(b.kind.utf8) && a.name.utf8.elementsEqual(b.name.utf8)
    }

    func hash(into hasher: inout Hasher) {
        var (kind, name) = (kind, name)
        kind.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(0xFF as UInt8)  // not UTF-8: ends the kind
        name.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// How a holding was given, ordered as its text sorts (the holding table's unique index).
enum HoldingConsentType: String, Comparable, CaseIterable {
    case allPrincipals = "AllPrincipals"
    case application = "Application"
    case principal = "Principal"

    /// The place of its text among the three, from 0.
    var rank: UInt32 {
        switch self {
        case .allPrincipals: 0
        case .application: 1
        case .principal: 2
        }
    }

    init(rank: UInt32) {
        self = rank == 0 ? .allPrincipals : rank == 1 ? .application : .principal
    }

    static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A grant as the tally needs it; sorted, a client's grants on a resource are together, by scope set and user.
struct GrantEntry: Comparable, Hashable {
    let client: UInt32
    let resource: UInt32
    let scopeSet: Int32
    /// 0 for a tenant-wide grant.
    let user: UInt32

    static func < (a: Self, b: Self) -> Bool {
        (a.client, a.resource, a.scopeSet, a.user) < (b.client, b.resource, b.scopeSet, b.user)
    }
}

struct AssignmentEntry: Hashable {
    let client: UInt32
    let resource: UInt32
    let permission: Int32
}
