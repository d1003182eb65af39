import PermAuditTestSupport
import Testing
@testable import PermAuditReport

/// The site's exports in parts join into exactly what `show --format json|csv` prints (after SafeText.ciSafe,
/// as `show` writes it), also where imported text holds what the cuts and CI guards care about.
@Suite struct PermissionExportTests {
    /// Of these, only Calls.JoinGroupCallAsGuest.All reaches a type the metadata cut defines.
    @Test(arguments: ["CallDelegation.ReadWrite", "Calls.JoinGroupCallAsGuest.All", "Calls.Initiate.All", "User.Read.All"])
    func thePartsJoinIntoShowsOutput(name: String) throws {
        try Self.expectJoined(try PermissionPageTests.page(name))
    }

    @Test func hostileTextJoinsTheSame() throws {
        var page = try PermissionPageTests.page("Calls.JoinGroupCallAsGuest.All")
        page.permission = "::warning ##[error]x"
        page.entries[0].permissionId = "##"
        let call = try #require(page.entries[0].resources.lastIndex { !$0.properties.isEmpty })
        page.entries[0].resources[call].qualifiedName = "microsoft.graph.\u{0}call"
        page.entries[0].resources[call].properties[0].name = "=cmd|' /C calc'!A0, \"quoted\"\r\nline"
        page.entries[0].resources[call].properties[1].description = "##vso[task.setvariable]x \u{0} ##[group] \u{2028} ::error::"
        page.entries[0].resources[call].properties[2].declaredBy = "##"
        page.entries.append(page.entries[0])
        try Self.expectJoined(page)
    }

    static func expectJoined(_ page: PermissionPage) throws {
        let reached = page.entries.flatMap(\.resources).filter { !$0.properties.isEmpty }
        let resources = Dictionary(reached.map { ($0.qualifiedName, $0) }, uniquingKeysWith: { first, _ in first })
        for format in [ListingFormat.json, .csv] {
            let export = page.export(format)
            #expect(export.parts.contains { if case .properties = $0 { true } else { false } } == !resources.isEmpty)
            let joined = export.text { PermissionExport.fragments(of: resources[$0]!, format: format) }
            #expect(joined == SafeText.ciSafe(try page.render(format)), "\(page.permission) \(format)")
        }
    }
}
