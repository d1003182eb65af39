import Foundation
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct FlatJSONObjectTests {
    static let grantNames = ["id", "clientId", "consentType", "principalId", "resourceId", "scope"]

    static func fast(_ text: String) -> [String?]? {
        FlatJSONObject(names: grantNames).values(in: Data(text.utf8))?.map { $0?.string }
    }

    /// The decoder's reading of the same element, in the fast path's order.
    static func decoded(_ bytes: Data) throws -> [String?] {
        let grant = try JSONInput(name: "e.json", bytes: bytes).decodeAnyCase(GraphOAuth2PermissionGrant.self)
        return [grant.id, grant.clientId, grant.consentType, grant.principalId, grant.resourceId, grant.scope]
    }

    @Test func readsGraphsGrantWithNullsPascalCaseAndOtherProperties() throws {
        #expect(Self.fast(#"{"clientId":"c","consentType":"AllPrincipals","id":"g","principalId":null,"resourceId":"r","scope":" User.Read  Mail.Read"}"#)
            == ["g", "c", "AllPrincipals", nil, "r", " User.Read  Mail.Read"])
        #expect(Self.fast(#" { "Id" : "g" , "Scope":"", "expiryTime": "2026-01-01", "@odata.type": null }  "#)
            == ["g", nil, nil, nil, nil, ""])
        #expect(Self.fast("{}") == [nil, nil, nil, nil, nil, nil])
        // Other properties of any shape but numbers are checked and skipped, as the decoder ignores them.
        let other = #"{"id": "g", "a": true, "b": false, "c": {"d": ["e", null, {}], "D": []}, "f": [[], [true]]}"#
        #expect(Self.fast(other) == ["g", nil, nil, nil, nil, nil])
        #expect(try Self.decoded(Data(other.utf8)) == ["g", nil, nil, nil, nil, nil])
    }

    @Test(arguments: [
        #"{"id": "a\"b"}"#,                      // an escape
        #"{"id": "é"}"#,                         // beyond ASCII
        "{\"id\": \"a\tb\"}",                    // a control character
        #"{"id": 7}"#,                           // a number
        #"{"id": "g", "other": 7}"#,             // a number, even where nothing is read
        #"{"id": "g", "other": ["a\u0041"]}"#,   // an escape, even where nothing is read
        #"{"id": true}"#,                        // a string's place taken by another kind
        #"{"id": ["g"]}"#,
        #"{"id": "g", "id": "h"}"#,              // a key twice
        #"{"id": "g", "Id": "h"}"#,              // one property in both cases
        #"{"x": "1", "x": "2"}"#,                // a key twice, not one of the names
        #"{"id": "g", "x": {"y": "1", "y": "2"}}"#, // a key twice in a value skipped
        #"{"id" "g"}"#,                          // no colon
        #"{"id": "g",}"#,                        // a trailing comma
        #"{"id": "g", "x": ["a",]}"#,            // a trailing comma in a list
        #"{"id": "g"} x"#,                       // bytes after the object
        #"{"id": "g""#,                          // cut short
        #"{"id": nul}"#,                         // a broken literal
        #"{"id": nullx}"#,
        #"["id"]"#,                              // not an object
        "",
    ])
    func declinesWhatItWouldNotReadAsTheDecoderDoes(_ text: String) {
        #expect(Self.fast(text) == nil)
    }

    @Test func declinesValuesNestedPastItsDepth() {
        let deep = String(repeating: "[", count: FlatJSONObject.maxDepth + 1) + String(repeating: "]", count: FlatJSONObject.maxDepth + 1)
        #expect(Self.fast(#"{"id": "g", "x": \#(deep)}"#) == nil)
        let shallow = String(repeating: "[", count: FlatJSONObject.maxDepth - 1) + String(repeating: "]", count: FlatJSONObject.maxDepth - 1)
        #expect(Self.fast(#"{"id": "g", "x": \#(shallow)}"#) == ["g", nil, nil, nil, nil, nil])
    }

    /// Every element of the fixtures' and the sample tenant's grants, and variants of them: where the fast
    /// path reads one, it reads what the decoder reads.
    @Test func agreesWithTheDecoderOnRealGrants() throws {
        let elements = try Self.elements(of: [Fixtures.path("tenant-graphdocs/oauth2PermissionGrants-2026-11-01.json"),
                                              Self.sampleTenant("oauth2PermissionGrants-2026-11-08.json")])
        #expect(elements.count > 10)
        let variants = Self.variants(of: elements, renaming: "\"clientId\"", to: "\"ClientId\"")
        var fastCount = 0
        for element in variants {
            guard let values = FlatJSONObject(names: Self.grantNames).values(in: element) else { continue }
            fastCount += 1
            #expect(try values.map { $0?.string } == Self.decoded(element), "\(String(decoding: element, as: UTF8.self))")
        }
        #expect(fastCount == variants.count)
    }

    /// Service principals, nested lists and objects and all: Graph's own (Microsoft Graph's, with its hundreds
    /// of scopes and roles), the documented examples, the sample tenant's, one in the PowerShell SDK's
    /// PascalCase, and variants of them.
    @Test func agreesWithTheDecoderOnRealServicePrincipals() throws {
        var elements = try Self.elements(of: [Fixtures.path("tenant-graphdocs/servicePrincipals-2026-11-01.json"),
                                              Self.sampleTenant("servicePrincipals-2026-11-01.json"),
                                              Self.sampleTenant("servicePrincipals-2026-11-08.json")])
        elements.append(try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("graph-servicePrincipal-2021-01-08.json"))))
        let roles = try Self.withoutByteOrderMark(Fixtures.path("powershell-GraphAppRoles-2026-08-19.json"))
        let scopes = try Self.withoutByteOrderMark(Fixtures.path("powershell-GraphDelegateRoles-2026-08-19.json"))
        elements.append(Data(#"{"Id": "p", "AccountEnabled": false, "VerifiedPublisher": {"DisplayName": "V", "AddedDateTime": null}, "AppRoles": \#(roles), "Oauth2PermissionScopes": \#(scopes)}"#.utf8))
        #expect(elements.count > 8)
        let variants = Self.variants(of: elements, renaming: "\"appRoles\"", to: "\"AppRoles\"")
        var fastCount = 0
        for element in variants {
            guard let fast = GraphTenantServicePrincipal(flat: element) else { continue }
            fastCount += 1
            #expect(try fast == JSONInput(name: "e.json", bytes: element).decodeAnyCase(GraphTenantServicePrincipal.self),
                    "\(String(decoding: element.prefix(300), as: UTF8.self))")
        }
        // Microsoft Graph's own, with descriptions beyond ASCII, is the decoder's; every other is read.
        let ascii = variants.filter { $0.allSatisfy { $0 < 0x80 } }
        #expect(fastCount == ascii.count)
        #expect(ascii.count > variants.count / 2)
        let withScopes = variants.compactMap(GraphTenantServicePrincipal.init(flat:)).filter { !($0.oauth2PermissionScopes ?? []).isEmpty }
        #expect(!withScopes.isEmpty)
    }

    @Test(arguments: [
        #"{"id": "p", "accountEnabled": "true"}"#,                      // a flag as a string
        #"{"id": "p", "appRoles": [null]}"#,                            // a null in a list of objects
        #"{"id": "p", "appRoles": [{"allowedMemberTypes": ["User", null]}]}"#,
        #"{"id": "p", "appRoles": {}}"#,                                // an object for a list
        #"{"id": "p", "verifiedPublisher": []}"#,                       // a list for an object
        #"{"id": "p", "oauth2PermissionScopes": [{"isEnabled": 1}]}"#,  // a number
        #"{"id": "p", "appRoles": [{"id": "r", "Id": "s"}]}"#,          // one property in both cases, nested
        #"{"id": "p", "appRoles": [], "AppRoles": []}"#,                // a list in both cases
        #"{"id": "p", "verifiedPublisher": {"displayName": "a", "DisplayName": "b"}}"#,
        #"{"id": "p", "verifiedPublisher": {"displayName": "a", "displayName": "b"}}"#,  // a key twice, nested
        #"{"id": "p", "appRoles": [{"allowedMemberTypes": "User"}]}"#,  // a string for a list
        #"{"id": "p", "appRoles": [{}, null]}"#,
        #"{"id": "p", "accountEnabled": tru}"#,                         // a broken literal
        "\u{FEFF}{\"id\": \"p\"}",                                  // a byte-order mark
    ])
    func declinesServicePrincipalsItWouldNotReadAsTheDecoderDoes(_ text: String) {
        #expect(GraphTenantServicePrincipal(flat: Data(text.utf8)) == nil)
    }

    @Test func declinesAnObjectOfMoreKeysThanItCompares() {
        func object(keys: Int) -> String {
            "{" + (0..<keys).map { #""k\#($0)": null"# }.joined(separator: ", ") + "}"
        }
        #expect(Self.fast(object(keys: FlatJSONObject.maxKeys)) == [nil, nil, nil, nil, nil, nil])
        #expect(Self.fast(object(keys: FlatJSONObject.maxKeys + 1)) == nil)
        #expect(Self.fast(#"{"id": "g", "x": \#(object(keys: FlatJSONObject.maxKeys + 1))}"#) == nil)
    }

    /// An element the import refuses says the same whichever path read it: here a scope without an id, read
    /// by the fast path, and again with a number that sends it to the decoder.
    @Test func anErrorIsTheSameFromEitherPath() throws {
        let scope = #"{"id": "", "value": "User.Read", "type": "User", "isEnabled": true}"#
        let elements = [#"{"id": "p", "appId": "a", "oauth2PermissionScopes": [\#(scope)]}"#,
                        #"{"id": "p", "appId": "a", "oauth2PermissionScopes": [\#(scope)], "n": 1}"#]
        #expect(GraphTenantServicePrincipal(flat: Data(elements[0].utf8)) != nil)
        #expect(GraphTenantServicePrincipal(flat: Data(elements[1].utf8)) == nil)
        let folder = try Fixtures.temporaryDirectory()
        let errors = try elements.enumerated().map { index, element -> ImportError? in
            let file = folder.appendingPathComponent("servicePrincipals-\(index).json")
            try Data(#"{"value": [\#(element)]}"#.utf8).write(to: file)
            guard let read = try JSONElementReader(path: file.path).next() else { return nil }
            do {
                _ = try TenantElementDecoder.objects(read, collection: .servicePrincipals, file: "sp.json")
                return nil
            } catch let error as ImportError {
                return error
            }
        }
        #expect(errors[0] != nil)
        #expect(errors[0] == errors[1])
        #expect(errors[0]?.description.contains("$.value[0].oauth2PermissionScopes[0]") == true)
    }

    private static func sampleTenant(_ file: String) -> String {
        Fixtures.packageRoot.appendingPathComponent("Seeds/sample-tenant/\(file)").path
    }

    private static func elements(of files: [String]) throws -> [Data] {
        var elements: [Data] = []
        for file in files {
            let reader = try JSONElementReader(path: file)
            while let element = try reader.next() { elements.append(element.bytes) }
        }
        return elements
    }

    /// Each element as it is, with one key in PascalCase, and with white space around the commas after strings.
    private static func variants(of elements: [Data], renaming key: String, to renamed: String) -> [Data] {
        elements.flatMap { element -> [Data] in
            let text = String(decoding: element, as: UTF8.self)
            return [element, Data(text.replacingOccurrences(of: key, with: renamed).utf8),
                    Data(text.replacingOccurrences(of: "\",", with: "\" ,\n ").utf8)]
        }
    }

    private static func withoutByteOrderMark(_ path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return String(decoding: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...], as: UTF8.self)
    }
}
