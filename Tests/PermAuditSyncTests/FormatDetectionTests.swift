import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct FormatDetectionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var source: CatalogSource
        var parts: [CatalogPartName]
        var entries: Int
        var testDescription: String { fixture }
    }

    /// Every format variant in Tests/Fixtures, told from content; entry counts come from the fixture files.
    @Test(arguments: [
        Case(fixture: "kibali-permissions-2026-08-07.json", source: .kibali, parts: [.permissions], entries: 19),
        Case(fixture: "kibali-permissions-2023-03-07.json", source: .kibali, parts: [.permissions], entries: 13),
        Case(fixture: "kibali-provisioningInfo-2026-08-07.json", source: .provisioningInfo, parts: [.provisioning], entries: 17),
        Case(fixture: "powershell-GraphDelegateRoles-2026-08-19.json", source: .servicePrincipal, parts: [.delegated], entries: 8),
        Case(fixture: "powershell-GraphAppRoles-2026-08-19.json", source: .servicePrincipal, parts: [.application], entries: 7),
        Case(fixture: "graph-oauth2PermissionScopes-2024-02-12.json", source: .servicePrincipal, parts: [.delegated], entries: 4),
        Case(fixture: "graph-appRoles-2024-02-12.json", source: .servicePrincipal, parts: [.application], entries: 4),
        Case(fixture: "graph-servicePrincipal-2021-01-08.json", source: .servicePrincipal, parts: [.delegated, .application], entries: 8),
        Case(fixture: "permissions-descriptions-2020-04-20.json", source: .permissionsDescriptions, parts: [.delegated, .application], entries: 7),
        Case(fixture: "permissions-descriptions-2026-04-01.json", source: .permissionsDescriptions, parts: [.delegated, .application], entries: 12),
        Case(fixture: "microsoft-apps-2026-08-20.json", source: .microsoftApps, parts: [.applications], entries: 5),
    ])
    func detectsAndDecodes(_ example: Case) throws {
        let decoded = try decode(example.fixture, Fixtures.data(example.fixture))
        #expect(decoded.source == example.source)
        #expect(decoded.parts.map(\.name) == example.parts)
        #expect(decoded.parts.reduce(0) { $0 + $1.permissions.count + $1.applications.count } == example.entries)
    }

    @Test func powerShellPascalCaseMapsToGraphNames() throws {
        let entries = try decode("s.json", Fixtures.data("powershell-GraphDelegateRoles-2026-08-19.json")).parts[0].permissions
        let callDelegation = try #require(entries.first { $0.value == "CallDelegation.ReadWrite" })
        #expect(callDelegation.permissionId == "599abf67-f72b-4b5f-98a3-cb38fe646118")
        #expect(callDelegation.type == "Admin")
        #expect(callDelegation.requiresAdminConsent == true)
        #expect(callDelegation.userConsentDisplayName == "Read and write your delegation settings")
    }

    @Test func theByteOrderMarkIsAccepted() throws {
        let bytes = try Fixtures.data("powershell-GraphDelegateRoles-2026-08-19.json")
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "the fixture keeps PowerShell's byte-order mark")
        #expect(try decode("s.json", bytes).parts[0].permissions.count == 8)
    }

    @Test func kibaliPathsKeepMethodsSchemesAndAnnotations() throws {
        let entries = try decode("k.json", Fixtures.data("kibali-permissions-2026-08-07.json")).parts[0].permissions
        let callDelegation = try #require(entries.first { $0.value == "CallDelegation.ReadWrite" })
        #expect(callDelegation.scheme == "DelegatedWork")
        #expect(callDelegation.privilegeLevel == 2)
        #expect(callDelegation.requiresAdminConsent == false)
        #expect(callDelegation.apiPaths?.count == 14)
        let post = try #require(callDelegation.apiPaths?.first { $0.method == "POST" })
        #expect(post.leastPrivilegeSchemes == "DelegatedWork")
        let alsoRequires = entries.flatMap { $0.apiPaths ?? [] }.compactMap(\.alsoRequires)
        #expect(alsoRequires.contains("AgentCardManifest.Read.All,AgentCardManifest.ReadWrite.All"))
    }

    /// As the import reads a catalog file: the format told by `InputKind`, then the file decoded in it.
    private func decode(_ name: String, _ bytes: Data) throws -> DecodedCatalogFile {
        guard case .document(let format) = try InputKind.of(.memory(name, bytes)) else {
            throw ImportError(file: name, problem: "not told as a catalog document")
        }
        return try CatalogFileDecoder.decode(JSONInput(name: name, bytes: bytes), as: format)
    }

    @Test func pathAnnotationsParse() throws {
        let both = try PathAnnotation("least=DelegatedWork;AlsoRequires=A.Read.All,B.Read.All", file: "f", at: "$")
        #expect(both == PathAnnotation(least: "DelegatedWork", alsoRequires: "A.Read.All,B.Read.All"))
        #expect(try PathAnnotation("", file: "f", at: "$") == PathAnnotation(least: nil, alsoRequires: nil))
        #expect(throws: ImportError(file: "f", location: "$", problem: "unknown path annotation \"most=Application\"; expected least=... or AlsoRequires=...")) {
            try PathAnnotation("most=Application", file: "f", at: "$")
        }
    }
}

extension PathAnnotation {
    init(least: String?, alsoRequires: String?) {
        try! self.init("", file: "", at: "")
        self.least = least
        self.alsoRequires = alsoRequires
    }
}
