@testable import PermAuditStore
import Testing

/// A scope set's stored keys (migration 0029) are read as JSON reads them: what `json_each` in the
/// `scopeSetValue` view takes as an array of integers, and nothing else.
@Suite struct DelegatedNamesTests {
    @Test(arguments: [("[]", []), ("[1,2]", [1, 2]), ("[ 1 , 2 ]", [1, 2]), ("[1,\n\t2]\r\n", [1, 2]), ("[12345678]", [12_345_678])] as [(String, [Int64])])
    func arraysOfKeysAreRead(text: String, keys: [Int64]) {
        #expect(DelegatedNames.keys(ofStored: text) == keys)
    }

    @Test(arguments: ["", "1", "[", "[01]", "[0]", "[-1]", "[1.0]", "[1,]", "[,1]", "[1 2]", "[1]x", "[\"1\"]", "[1,,2]"])
    func anythingElseIsBroken(text: String) {
        #expect(DelegatedNames.keys(ofStored: text) == nil, "\(text)")
    }

    @Test func aStringIsStoredUnlessItsNamesJoinedGiveItBack() {
        #expect(DelegatedNames.storedScope("User.Read Mail.Read", values: ["User.Read", "Mail.Read"]) == nil)
        for scope in ["User.Read  Mail.Read", " User.Read", "User.Read User.Read", "", "User.Read\tMail.Read"] {
            #expect(DelegatedNames.storedScope(scope, values: TenantGrant.values(ofScope: scope)) == scope, "\(scope)")
        }
        #expect(DelegatedNames.stored([3, 1, 2]) == "[3,1,2]")
        #expect(DelegatedNames.stored([]) == "[]" && DelegatedNames.stored([9_007_199_254_740_993]) == "[9007199254740993]")
    }

    /// Compared byte by byte, the names are the string exactly when they joined by single spaces are.
    @Test func namesGiveTheStringBackOnlyByteForByte() {
        let cases: [(String, [String])] = [
            ("User.ReadX", ["User.Read"]), ("User.Read", ["User.Read", "Mail.Read"]), ("User.Read Mail", ["User.Read", "Mail.Read"]),
            ("A B", ["A", "B"]), ("A  B", ["A", "", "B"]), ("A B ", ["A", "B"]), ("é", ["e\u{301}"]), ("é x", ["é", "x"]), ("", [""]),
        ]
        for (scope, values) in cases {
            let joined = !values.isEmpty && values.joined(separator: " ").utf8.elementsEqual(scope.utf8)
            #expect(DelegatedNames.storedScope(scope, values: values) == (joined ? nil : scope), "\(scope) \(values)")
        }
    }
}
