/// Adds up a snapshot's holdings in memory while the sink receives its grants and assignments, by the rules
/// of the `permissionHolding` view: grants are grouped by (client, resource, consent type, scope string) and
/// each group counts its distinct users; every scope of the string is held with the group's users, summed
/// over the groups for Principal grants, 0 for AllPrincipals ones. App role assignments to service principals
/// are Application holdings. Ids and permissions are numbered densely here; the writer gives them their keys,
/// and the holdings are made with those keys directly (two million of them for a million grants).
struct HoldingTally {
    /// Client and resource ids, users and permissions, numbered from 0 in the order they came.
    private(set) var objectIds = Numbering<ByteText>()
    private(set) var permissions = Numbering<HeldPermissionName>()
    private var users = Numbering<ByteText>()
    /// Each scope string's scopes (as permission numbers), by its stored scopeSetKey.
    private var scopeSetNumbers = KeyNumbers()
    private var scopeSetStarts: [Int32] = [0]
    private var scopeSetValues = PermissionNumbers()
    private var grants: [GrantEntry] = []
    private var assignments: Set<AssignmentEntry> = []

    /// Room for an export like the latest snapshot, so that the grants do not grow (and hold their old and new
    /// storage at once) while the export streams.
    mutating func reserve(grants count: Int) {
        grants.reserveCapacity(count)
    }

    /// `scopeValues`: the grant's, when the sink has just split them for a new scope set.
    mutating func add(_ grant: TenantGrant, scopeSetKey: Int64, scopeValues: [String]? = nil) {
        let scopeSet = scopeSetNumber(scopeSetKey, scopeValues ?? grant.scopeValues)
        // Users are numbered from 1: 0 is the AllPrincipals grant, which has none. Ids by their bytes, as SQLite keeps them.
        let user = grant.consentType == "Principal" ? users.number(of: ByteText(grant.principalId ?? "")) + 1 : 0
        grants.append(GrantEntry(client: objectIds.number(of: ByteText(grant.clientId)), resource: objectIds.number(of: ByteText(grant.resourceId)),
                                 scopeSet: scopeSet, user: user))
    }

    mutating func add(_ assignment: TenantAssignment) {
        guard assignment.principalType == "ServicePrincipal", assignment.appRoleId != "00000000-0000-0000-0000-000000000000" else { return }
        assignments.insert(AssignmentEntry(
            client: objectIds.number(of: ByteText(assignment.principalId)), resource: objectIds.number(of: ByteText(assignment.resourceId)),
            permission: permissions.number(of: HeldPermissionName(kind: "application", name: assignment.appRoleId))))
    }

    private mutating func scopeSetNumber(_ key: Int64, _ values: @autoclosure () -> [String]) -> Int32 {
        if let number = scopeSetNumbers[key] { return number }
        let number = Int32(scopeSetStarts.count - 1)
        scopeSetNumbers[key] = number
        for value in values() {
            scopeSetValues.append(permissions.number(of: HeldPermissionName(kind: "delegated", name: value)))
        }
        scopeSetStarts.append(Int32(scopeSetValues.count))
        return number
    }

    /// Whether each numbered object is the client or resource of a holding (a grant with no scope is none).
    func usedObjects() -> [Bool] {
        var used = Array(repeating: false, count: objectIds.values.count)
        for entry in grants where scopeSetStarts[Int(entry.scopeSet)] < scopeSetStarts[Int(entry.scopeSet) + 1] {
            used[Int(entry.client)] = true
            used[Int(entry.resource)] = true
        }
        for entry in assignments {
            used[Int(entry.client)] = true
            used[Int(entry.resource)] = true
        }
        return used
    }

    /// The holdings, with the keys the writer gave the numbered objects and permissions (`objectKeys[n]` is
    /// object n's). Consumes the tally: what it gathered is freed before the holdings are stored. The holdings
    /// are counted first and made into storage of that size: grown as they came, their array held its old
    /// and new storage at once, the peak of a two-million-grant import (over 100 MB).
    mutating func holdings(objectKeys: [UInt32], permissionKeys: [UInt32]) -> [KeyedHolding] {
        // What the numbering needed is freed first: the holdings are made from the numbers alone.
        (objectIds, permissions, users, scopeSetNumbers) = (Numbering(), Numbering(), Numbering(), KeyNumbers())
        grants.sort()
        var count = assignments.count
        forEachPair { count += pairHoldings($0).count }
        var result: [KeyedHolding] = []
        result.reserveCapacity(count)
        forEachPair { pair in
            let (client, resource) = (objectKeys[Int(pair.first!.client)], objectKeys[Int(pair.first!.resource)])
            for (permission, consentType, users) in pairHoldings(pair) {
                result.append(KeyedHolding(client: client, resource: resource, permission: permissionKeys[Int(permission)],
                                           consentType: consentType, principalCount: users))
            }
        }
        for entry in assignments {
            result.append(KeyedHolding(client: objectKeys[Int(entry.client)], resource: objectKeys[Int(entry.resource)],
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

    /// The holdings of one client on one resource (permission number, consent type, users), from its grants
    /// sorted by scope set and user.
    private func pairHoldings(_ grants: ArraySlice<GrantEntry>) -> [(Int32, HoldingConsentType, UInt32)] {
        var users: [Int32: UInt32] = [:]
        var tenantWide = Set<Int32>()
        var previous: GrantEntry?
        for entry in grants where entry != previous {
            previous = entry
            for index in Int(scopeSetStarts[Int(entry.scopeSet)])..<Int(scopeSetStarts[Int(entry.scopeSet) + 1]) {
                let permission = scopeSetValues[index]
                if entry.user == 0 { tenantWide.insert(permission) } else { users[permission, default: 0] += 1 }
            }
        }
        return tenantWide.map { ($0, .allPrincipals, 0) } + users.map { ($0.key, .principal, $0.value) }
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
private struct GrantEntry: Comparable {
    let client: Int32
    let resource: Int32
    let scopeSet: Int32
    let user: Int32

    static func < (a: Self, b: Self) -> Bool {
        (a.client, a.resource, a.scopeSet, a.user) < (b.client, b.resource, b.scopeSet, b.user)
    }
}

private struct AssignmentEntry: Hashable {
    let client: Int32
    let resource: Int32
    let permission: Int32
}
