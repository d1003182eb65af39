import Foundation
import PermAuditTestSupport
import Testing
@testable import PermAuditStore
@testable import PermAuditSync

/// Real Kibali paths resolved against the real v1.0 schema of 2026-08-03 (the seed).
@Suite struct ApiPathResolverTests {
    static let document = Result {
        let url = Fixtures.packageRoot.appendingPathComponent("Seeds/graph-metadata-v1.0-2026-08-03.xml")
        return try MetadataFile.read(.memory(url.lastPathComponent, Data(contentsOf: url)), asOf: "2026-08-03")
    }

    static func resolve(_ path: String) throws -> ApiPathResolution {
        try ApiPathResolver(document.get()).resolve(path)
    }

    @Test(arguments: [
        // Calls.Initiate.All's paths: entity set under a singleton, key, lower-cased navigation, bound action.
        ("/communications/calls", "microsoft.graph.call", true),
        ("/communications/calls/{id}", "microsoft.graph.call", false),
        ("/communications/calls/{id}/contentsharingsessions/{id}", "microsoft.graph.contentSharingSession", false),
        ("/communications/calls/{id}/participants", "microsoft.graph.participant", true),
        ("/me", "microsoft.graph.user", false),
        ("/users/{id}/photo/$value", "microsoft.graph.profilePhoto", false),
        // A structural property of a primitive type addresses the entity that has it.
        ("/users/{id}/aboutMe", "microsoft.graph.user", false),
        // Alternate key in parentheses on an entity set.
        ("/serviceprincipals(appid={value})/owners", "microsoft.graph.directoryObject", true),
        // A type cast segment.
        ("/places/microsoft.graph.building", "microsoft.graph.building", true),
        ("/servicePrincipals/microsoft.graph.agentIdentity/{id}", "microsoft.graph.agentIdentity", false),
    ])
    func resolvesToTheAddressedType(path: String, type: String, isCollection: Bool) throws {
        let resolution = try Self.resolve(path)
        #expect(resolution.resourceType == type, "\(resolution)")
        #expect(resolution.isCollection == isCollection, "\(resolution)")
        #expect(resolution.operation == nil && resolution.problem == nil)
    }

    @Test func aFinalBoundActionIsTheOperationCalledOnTheResource() throws {
        let mute = try Self.resolve("/communications/calls/{id}/mute")
        #expect(mute.resourceType == "microsoft.graph.call")
        #expect(mute.operation == "microsoft.graph.mute" && mute.operationKind == "action")
        #expect(mute.returnType == "microsoft.graph.muteParticipantOperation")
        let addKey = try Self.resolve("/serviceprincipals(appid={value})/addkey")
        #expect(addKey.resourceType == "microsoft.graph.servicePrincipal" && addKey.returnType == "microsoft.graph.keyCredential")
    }

    @Test func aFunctionWithArgumentsInTheMiddleContinuesFromItsResult() throws {
        let usedRange = try Self.resolve("/users/{id}/drive/items/{id}/workbook/worksheets/{id}/range(address={value})/usedrange")
        #expect(usedRange.resourceType == "microsoft.graph.workbookRange")
        #expect(usedRange.operation == "microsoft.graph.usedRange" && usedRange.operationKind == "function")
        let report = try Self.resolve("/reports/getemailappusageuserdetail(period={value})")
        #expect(report.resourceType == "microsoft.graph.reportRoot")
        #expect(report.operation == "microsoft.graph.getEmailAppUsageUserDetail")
    }

    @Test func oneDrivePathAddressingNamesAnItemOfTheSameType() throws {
        let resolution = try Self.resolve("/me/drive/root:/{id}:/workbook/tables/{id}/converttorange")
        #expect(resolution.resourceType == "microsoft.graph.workbookTable")
        #expect(resolution.note?.contains("root:/...: addresses an item by its path") == true)
        let open = try Self.resolve("/drives/{drive-id}/root:/{item-path}/media/reactions")
        #expect(open.resourceType == nil && open.problem?.contains("no closing ':'") == true)
    }

    @Test func aDerivedTypesMemberWithoutTheCastResolvesAndSaysSo() throws {
        let resolution = try Self.resolve("/sites/{id}/pages/{id}/canvaslayout/horizontalsections")
        #expect(resolution.resourceType == "microsoft.graph.horizontalSection")
        #expect(resolution.note == "canvaslayout is declared by the derived type sitePage; the path leaves out the cast")
    }

    @Test func pathsTheV1SchemaDoesNotHaveAreKeptWithTheFailingSegment() throws {
        let settings = try Self.resolve("/me/communications/callSettings/delegates")
        #expect(settings.resourceType == nil)
        // v1.0's user has no communications navigation (beta has it, with callSettings under it).
        #expect(settings.unresolvedSegment == "communications")
        #expect(settings.problem == "no property, navigation property or bound operation of user is named communications")
        let app = try Self.resolve("/app/calls")
        #expect(app.unresolvedSegment == "app" && app.problem == "no entity set or singleton named app")
        let key = try Self.resolve("/me/{id}")
        #expect(key.problem == "a key, but user is a single value, not a collection")
    }

    @Test func aQueryStringIsNotReadAndTheNoteSaysSo() throws {
        let resolution = try Self.resolve("/users?$filter=startswith(displayName,'a')")
        #expect(resolution.resourceType == "microsoft.graph.user")
        #expect(resolution.note == "query string ?$filter=startswith(displayName,'a') not read")
    }

    /// Kibali writes one call id literally: read as a key, as Graph does, and said so.
    @Test func aLiteralIdSegmentIsReadAsAKey() throws {
        let resolution = try Self.resolve("/communications/calls/57dab8b1894c409ab240bd8beae78896/answer")
        #expect(resolution.resourceType == "microsoft.graph.call" && resolution.operation == "microsoft.graph.answer")
        #expect(resolution.note == "57dab8b1894c409ab240bd8beae78896 read as a key")
        // A word on a collection stays unresolved: it is not guessed to be a key.
        #expect(try Self.resolve("/applications/validatepartner").problem == "no bound operation on a collection of application is named validatepartner")
    }

    @Test func segmentsMatchWithoutRegardToCaseButPreferTheExactOne() throws {
        #expect(try Self.resolve("/COMMUNICATIONS/CALLS/{id}").resourceType == "microsoft.graph.call")
    }

    /// Against the hand-written shapes document: a composable function on a collection and a derived type's action.
    @Test func collectionBoundFunctionsAndDerivedActions() throws {
        let document = try MetadataFile.read(.memory("shapes.xml", Fixtures.data("csdl/shapes-2026-01-01.xml")), asOf: "2026-01-01")
        let resolver = ApiPathResolver(document)
        let recent = try resolver.resolve("/calls/recent()/{id}/participants")
        #expect(recent.resourceType == "microsoft.graph.participant" && recent.isCollection == true)
        let promote = try resolver.resolve("/communications/calls/{id}/participants/{id}/promote")
        #expect(promote.resourceType == "microsoft.graph.participant" && promote.operation == "microsoft.graph.promote")
        #expect(promote.note == "promote is declared by the derived type vipParticipant; the path leaves out the cast")
        let afterAction = try resolver.resolve("/calls/{id}/mute/more")
        #expect(afterAction.problem == "mute is an action: nothing can follow it")
        #expect(try resolver.resolve("/ping").problem == "ping is an unbound operation, not a resource")
        #expect(try resolver.resolve("/calls/{id}/subject/more").problem == "Edm.String has no members")
    }
}
