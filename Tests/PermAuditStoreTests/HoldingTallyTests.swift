@testable import PermAuditStore
import Testing

/// HoldingTally adds up holdings in memory by the `permissionHolding` view's rules; `check` recomputes them
/// in SQL from the stored grants (TenantHistoryTests). These pin the rules' corners without a database.
@Suite struct HoldingTallyTests {
    /// Names stand for keys in these tests: each id, user and scope string is numbered from 1 as it first comes.
    struct Names {
        var objects: [String] = []
        var users: [String] = []
        var scopeSets: [String] = []

        static func key(_ name: String, in names: inout [String]) -> UInt32 {
            if let index = names.firstIndex(of: name) { return UInt32(index + 1) }
            names.append(name)
            return UInt32(names.count)
        }
    }

    static func add(_ tally: inout HoldingTally, _ names: inout Names, client: String = "app", user: String?, scope: String) {
        let grant = TenantGrant(id: "g", clientId: client, consentType: user == nil ? "AllPrincipals" : "Principal", principalId: user,
                                resourceId: "graph", scope: scope)
        let keys = GrantKeys(client: Names.key(client, in: &names.objects), resource: Names.key("graph", in: &names.objects),
                             user: user.map { Names.key($0, in: &names.users) } ?? 0, scopeSet: Names.key(scope, in: &names.scopeSets))
        tally.add(keys, scopeValues: grant.scopeValues)
    }

    /// The tally's holdings as "client permission consentType users", sorted.
    static func lines(_ tally: inout HoldingTally, _ names: Names) -> [String] {
        let permissions = tally.permissions.values
        // Each permission keyed by its own number, to read the names back.
        return tally.holdings(permissionKeys: Array(0..<UInt32(permissions.count))).map {
            "\(names.objects[Int($0.client) - 1]) \(permissions[Int($0.permission)].name) \($0.consentType.rawValue) \($0.principalCount)"
        }.sorted()
    }

    @Test func usersAreCountedOncePerScopeStringAndSummedOverStrings() {
        var (tally, names) = (HoldingTally(), Names())
        Self.add(&tally, &names, user: "u1", scope: "User.Read Mail.Read")
        Self.add(&tally, &names, user: "u2", scope: "User.Read Mail.Read")
        // Another grant of u1 with the same string is the same user in the same group: counted once.
        Self.add(&tally, &names, user: "u1", scope: "User.Read Mail.Read")
        // In another string the group differs, so u1 counts again (the view sums the groups).
        Self.add(&tally, &names, user: "u1", scope: "User.Read")
        #expect(Self.lines(&tally, names) == ["app Mail.Read Principal 2", "app User.Read Principal 3"])
    }

    @Test func tenantWideGrantsHoldTheirScopesWithNoUsers() {
        var (tally, names) = (HoldingTally(), Names())
        Self.add(&tally, &names, user: nil, scope: "  Mail.Read\tMail.Read User.Read")
        Self.add(&tally, &names, user: "u1", scope: "User.Read")
        // The app with only an empty scope string holds nothing.
        Self.add(&tally, &names, client: "other", user: nil, scope: "")
        #expect(Self.lines(&tally, names) == ["app Mail.Read AllPrincipals 0", "app User.Read AllPrincipals 0", "app User.Read Principal 1"])
    }

    @Test func onlyServicePrincipalsRealRolesAreApplicationHoldings() {
        var (tally, names) = (HoldingTally(), Names(objects: ["app", "graph"]))
        func assignment(_ id: String, role: String, type: String) -> TenantAssignment {
            TenantAssignment(id: id, appRoleId: role, principalId: "app", principalType: type, principalDisplayName: nil,
                             resourceId: "graph", resourceDisplayName: nil, createdDateTime: nil)
        }
        let assignments = [assignment("a1", role: "role-x", type: "ServicePrincipal"), assignment("a2", role: "role-x", type: "ServicePrincipal"),
                           assignment("a3", role: "role-y", type: "User"),
                           assignment("a4", role: "00000000-0000-0000-0000-000000000000", type: "ServicePrincipal")]
        #expect(assignments.map(HoldingTally.holds) == [true, true, false, false])
        for assignment in assignments where HoldingTally.holds(assignment) {
            tally.add(assignment, client: 1, resource: 2, coming: true)
        }
        #expect(Self.lines(&tally, names) == ["app role-x Application 0"])
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
