@testable import PermAuditStore
import Testing

/// HoldingTally adds up holdings in memory by the `permissionHolding` view's rules; `check` recomputes them
/// in SQL from the stored grants (TenantHistoryTests). These pin the rules' corners without a database.
@Suite struct HoldingTallyTests {
    static func grant(_ id: String, client: String = "app", user: String?, scope: String) -> TenantGrant {
        TenantGrant(id: id, clientId: client, consentType: user == nil ? "AllPrincipals" : "Principal", principalId: user, resourceId: "graph", scope: scope)
    }

    /// The tally's holdings as "client permission consentType users", sorted.
    static func lines(_ tally: inout HoldingTally) -> [String] {
        let (ids, permissions) = (tally.objectIds.values.map(\.text), tally.permissions.values)
        // Each object and permission keyed by its own number, to read the names back.
        return tally.holdings(objectKeys: Array(0..<UInt32(ids.count)), permissionKeys: Array(0..<UInt32(permissions.count))).map {
            "\(ids[Int($0.client)]) \(permissions[Int($0.permission)].name) \($0.consentType.rawValue) \($0.principalCount)"
        }.sorted()
    }

    @Test func usersAreCountedOncePerScopeStringAndSummedOverStrings() {
        var tally = HoldingTally()
        // Scope set keys stand for the scope strings: 1 is "User.Read Mail.Read", 2 is "User.Read".
        tally.add(Self.grant("g1", user: "u1", scope: "User.Read Mail.Read"), scopeSetKey: 1)
        tally.add(Self.grant("g2", user: "u2", scope: "User.Read Mail.Read"), scopeSetKey: 1)
        // Another grant of u1 with the same string is the same user in the same group: counted once.
        tally.add(Self.grant("g3", user: "u1", scope: "User.Read Mail.Read"), scopeSetKey: 1)
        // In another string the group differs, so u1 counts again (the view sums the groups).
        tally.add(Self.grant("g4", user: "u1", scope: "User.Read"), scopeSetKey: 2)
        #expect(Self.lines(&tally) == ["app Mail.Read Principal 2", "app User.Read Principal 3"])
    }

    @Test func tenantWideGrantsHoldTheirScopesWithNoUsers() {
        var tally = HoldingTally()
        tally.add(Self.grant("g1", user: nil, scope: "  Mail.Read\tMail.Read User.Read"), scopeSetKey: 7)
        tally.add(Self.grant("g2", user: "u1", scope: "User.Read"), scopeSetKey: 8)
        tally.add(Self.grant("g3", client: "other", user: nil, scope: ""), scopeSetKey: 9)
        // The app with only an empty scope string holds nothing, and gets no key.
        #expect(tally.usedObjects() == [true, true, false])
        #expect(Self.lines(&tally) == ["app Mail.Read AllPrincipals 0", "app User.Read AllPrincipals 0", "app User.Read Principal 1"])
    }

    @Test func onlyServicePrincipalsRealRolesAreApplicationHoldings() {
        var tally = HoldingTally()
        func assignment(_ id: String, role: String, type: String) -> TenantAssignment {
            TenantAssignment(id: id, appRoleId: role, principalId: "app", principalType: type, principalDisplayName: nil,
                             resourceId: "graph", resourceDisplayName: nil, createdDateTime: nil)
        }
        tally.add(assignment("a1", role: "role-x", type: "ServicePrincipal"))
        tally.add(assignment("a2", role: "role-x", type: "ServicePrincipal"))
        tally.add(assignment("a3", role: "role-y", type: "User"))
        tally.add(assignment("a4", role: "00000000-0000-0000-0000-000000000000", type: "ServicePrincipal"))
        #expect(Self.lines(&tally) == ["app role-x Application 0"])
    }

    /// A holding keeps its consent type and user count in 32 bits, and sorts as the holding table's unique
    /// index does: by client, resource, permission, consent type as text, then user count.
    @Test func keyedHoldingsKeepTheirFieldsAndSortAsTheIndex() {
        #expect(HoldingConsentType.allCases.sorted().map(\.rawValue) == HoldingConsentType.allCases.map(\.rawValue).sorted())
        let types = HoldingConsentType.allCases
        var holdings: [KeyedHolding] = []
        for permission in [UInt32(7), 3] {
            for type in types {
                for count in [KeyedHolding.countLimit - 1, 0, 5] {
                    holdings.append(KeyedHolding(client: 2, resource: 1, permission: permission, consentType: type, principalCount: count))
                }
            }
        }
        #expect(holdings.map { "\($0.permission) \($0.consentType.rawValue) \($0.principalCount)" }.contains("7 Principal 1073741823"))
        let sorted = holdings.sorted().map { [$0.permission, $0.consentType.rank, $0.principalCount] }
        let expected = holdings.map { [$0.permission, $0.consentType.rank, $0.principalCount] }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(sorted == expected)
        #expect(Set(holdings.map(\.consentType)) == Set(types))
    }

    /// Numbers are kept in 16 bits until one does not fit; every number reads back as it was appended.
    @Test func permissionNumbersWidenPastSixteenBits() {
        var numbers = PermissionNumbers()
        let values: [Int32] = [0, 7, 65_535, 65_536, 3, 1 << 30]
        for (index, value) in values.enumerated() {
            numbers.append(value)
            #expect((0...index).map { numbers[$0] } == Array(values[0...index]))
        }
        #expect(numbers.count == values.count)
    }
}
