import GRDB

/// After the latest snapshot, a weekly export changes a few grants of a million: instead of counting every
/// grant again, only the holdings those grants change are counted, as changes to the latest snapshot's
/// (HoldingDelta), which HoldingWriter applies. A holding counts the users of its pair's groups (client,
/// resource, scope set) whose scope set holds the permission; a group gains or loses a user only where a grant
/// version came or went and no other held version of that group has the same user.
extension TenantSink {
    /// How many grant and assignment versions may come or go for their changes alone to be counted: past it,
    /// counting every grant is as quick (each change is a query), and the changes' tables would hold more.
    var changeLimit: Int { max(Self.changeLimitFloor, grants.openCount / 8) }

    static let changeLimitFloor = 4096

    /// Counts only the holdings that may differ from the latest snapshot's (`holdings.deltas`) and returns
    /// true; returns false, counting nothing, when too many versions came or went.
    func countOnlyChanges() throws -> Bool {
        var changed: [GrantKeys] = []
        grants.forEachGrantComingOrGoing { keys, _ in changed.append(keys) }
        let assignmentsChanged = assignments.closed.count + holdings.comingAssignments.count
        guard changed.count + holdings.grants.count + assignmentsChanged <= changeLimit else { return false }
        try numberScopeSets(changed.map(\.scopeSet))
        let groups = try groupsOf(changed)
        var users: [DeltaKey: Int32] = [:]
        var tenantWide: Set<DeltaKey> = []
        for (group, count) in groups where (count.before > 0) != (count.now > 0) {
            holdings.forEachPermission(ofScopeSet: group.scopeSet) { permission in
                if group.user == 0 {
                    tenantWide.insert(DeltaKey(client: group.client, resource: group.resource, permission: permission, consentType: .allPrincipals))
                } else {
                    users[DeltaKey(client: group.client, resource: group.resource, permission: permission, consentType: .principal), default: 0] +=
                        count.now > 0 ? 1 : -1
                }
            }
        }
        var changes = users.mapValues { HoldingDelta.Outcome.users($0) }
        try heldTenantWide(tenantWide, into: &changes)
        try heldByAssignments(into: &changes)
        holdings.deltas = changes.map { key, outcome in
            HoldingDelta(client: key.client, resource: key.resource, permission: key.permission, consentType: key.consentType, outcome: outcome)
        }
        return true
    }

    /// The groups of the grants that changed (new ones included), each with how many of its grant versions the
    /// latest snapshot and this export hold: its user is in the group while one is held.
    private func groupsOf(_ changed: [GrantKeys]) throws -> [GrantEntry: (before: Int32, now: Int32)] {
        var groups: [GrantEntry: (before: Int32, now: Int32)] = [:]
        for keys in changed { groups[holdings.entry(keys)!] = (0, 0) }
        // New versions are held by this export only, and are not among the stored ones.
        for entry in holdings.grants { groups[entry, default: (0, 0)].now += 1 }
        var pairs = ChangedPairs()
        for group in groups.keys { pairs.insert(client: group.client, resource: group.resource) }
        grants.forEachGrant(of: pairs) { keys, open, held in
            // A scope set not numbered is no changed grant's: its group is not one of these.
            guard let entry = holdings.entry(keys), let count = groups[entry] else { return }
            groups[entry] = (count.before + (open ? 1 : 0), count.now + (held ? 1 : 0))
        }
        return groups
    }

    /// Whether each of these tenant-wide holdings is held now: by any tenant-wide grant of its pair that this
    /// export holds, stored or new.
    private func heldTenantWide(_ touched: Set<DeltaKey>, into changes: inout [DeltaKey: HoldingDelta.Outcome]) throws {
        guard !touched.isEmpty else { return }
        var pairs = ChangedPairs()
        for key in touched { pairs.insert(client: key.client, resource: key.resource) }
        var held: [GrantKeys] = []
        grants.forEachGrant(of: pairs) { keys, _, isHeld in if isHeld && keys.user == 0 { held.append(keys) } }
        try numberScopeSets(held.map(\.scopeSet))
        var heldNow: Set<DeltaKey> = []
        for entry in held.map({ holdings.entry($0)! }) + holdings.grants where entry.user == 0 {
            holdings.forEachPermission(ofScopeSet: entry.scopeSet) {
                heldNow.insert(DeltaKey(client: entry.client, resource: entry.resource, permission: $0, consentType: .allPrincipals))
            }
        }
        for key in touched { changes[key] = .held(heldNow.contains(key)) }
    }

    /// Whether the application permission of each assignment that came or went is held now (by any assignment
    /// this export holds, all in the tally: the decoded ones as they came, the known ones once the export was read).
    private func heldByAssignments(into changes: inout [DeltaKey: HoldingDelta.Outcome]) throws {
        var entries = holdings.comingAssignments
        let read = try db.cachedStatement(sql: "SELECT principalId, resourceId, appRoleId, principalType FROM appRoleAssignment WHERE versionKey = ?")
        for key in assignments.closed {
            guard let row = try Row.fetchOne(read, arguments: [key]) else { throw StoreError.missingRow(table: "appRoleAssignment", detail: "version \(key)") }
            let assignment = TenantAssignment(role: row[2], principal: row[0], principalType: row[3], resource: row[1])
            guard HoldingTally.holds(assignment) else { continue }
            entries.append(holdings.assignmentEntry(assignment.appRoleId, client: try ids.object(assignment.principalId),
                                                    resource: try ids.object(assignment.resourceId)))
        }
        for entry in entries {
            let key = DeltaKey(client: entry.client, resource: entry.resource, permission: entry.permission, consentType: .application)
            changes[key] = .held(holdings.assignments.contains(entry))
        }
    }
}

/// A holding's identity but its users: what a delta applies to.
struct DeltaKey: Hashable {
    let client: UInt32
    let resource: UInt32
    let permission: Int32
    let consentType: HoldingConsentType
}
