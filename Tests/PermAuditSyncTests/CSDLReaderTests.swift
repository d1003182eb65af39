import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// The CSDL shapes permaudit reads, on a hand-written document (Tests/Fixtures/csdl) and on the real seeds.
@Suite struct CSDLReaderTests {
    static func read(_ name: String) throws -> MetadataDocument {
        try MetadataFile.read(.memory(name, Fixtures.data(name)), asOf: "2026-01-01")
    }

    static let shapes = Result { try read("csdl/shapes-2026-01-01.xml") }

    @Test func typesKeepTheirKindBaseTypeAndFlagsWithAliasesReplaced() throws {
        let document = try Self.shapes.get()
        #expect(document.namespaces == [.init(name: "microsoft.graph", alias: "graph"),
                                        .init(name: "microsoft.graph.callRecords", alias: "callRecords")])
        let call = try #require(document.types.first { $0.name == "call" })
        #expect(call.kind == .entityType)
        #expect(call.baseType == "microsoft.graph.entity")
        #expect(call.isOpenType && !call.isAbstract)
        #expect(call.members.map(\.name) == ["direction", "callRoutes", "subject", "participants"])
        #expect(call.members[1].type == .init(name: "microsoft.graph.callRoute", isCollection: true))
        #expect(call.members[3].kind == .navigationProperty && call.members[3].containsTarget == true)
        let entity = try #require(document.types.first { $0.name == "entity" })
        #expect(entity.isAbstract && entity.members[0].nullable == false)
        #expect(document.types.first { $0.name == "callRecord" }?.qualifiedName == "microsoft.graph.callRecords.callRecord")
        #expect(document.types.first { $0.name == "callRoute" }?.kind == .complexType)
    }

    @Test func enumsContainerAndOperations() throws {
        let document = try Self.shapes.get()
        let direction = try #require(document.types.first { $0.name == "callDirection" })
        #expect(direction.kind == .enumType)
        #expect(direction.members.map { "\($0.name)=\($0.value ?? "")" } == ["incoming=0", "outgoing=1"])
        #expect(document.containerMembers.map { "\($0.kind.rawValue) \($0.name) \($0.type)" } == [
            "entitySet calls microsoft.graph.call",
            "singleton communications microsoft.graph.cloudCommunications",
            "functionImport ping microsoft.graph.ping",
        ])
        let mute = try #require(document.operations.first { $0.name == "mute" })
        #expect(mute.kind == .action && mute.isBound && !mute.isComposable)
        #expect(mute.binding == .init(name: "microsoft.graph.call", isCollection: false))
        #expect(mute.parameters.map(\.name) == ["bindingParameter", "clientContext"])
        #expect(mute.returnType == .init(name: "microsoft.graph.callRoute", isCollection: false))
        let recent = try #require(document.operations.first { $0.name == "recent" })
        #expect(recent.kind == .function && recent.isComposable && recent.binding?.isCollection == true)
    }

    @Test func descriptionsInlineInAStringChildAndInTargetedBlocks() throws {
        let document = try Self.shapes.get()
        let call = try #require(document.types.first { $0.name == "call" })
        #expect(call.description == "A call & its <state>, written as a child \u{2014} with references.")
        #expect(document.types.first { $0.name == "entity" }?.members[0].description == "The unique identifier for an entity. Read-only.")
        #expect(call.members[0].description == "Incoming or outgoing.")
        // A Description inside a capability Record describes the restriction, not the property.
        #expect(call.members[2].description == nil)
        #expect(document.types.first { $0.name == "callDirection" }?.members[1].description == "Placed by the app.")
        #expect(document.containerMembers[0].description == "Every call.")
        #expect(document.operations.first { $0.name == "mute" }?.description == "Mutes the app in a call.")
        #expect(document.operations.first { $0.name == "recent" }?.description == "Recent calls.")
        #expect(document.unplacedDescriptions == 1)
    }

    /// In a directory, a CSDL file is imported and another XML file is listed as skipped, not read.
    @Test func aDirectoryImportsItsMetadataAndSkipsOtherXML() throws {
        let folder = try Fixtures.temporaryDirectory()
        try Fixtures.data("csdl/shapes-2026-01-01.xml").write(to: folder.appendingPathComponent("v1.0-2026-01-01.csdl"))
        try Data("<project><name>x</name></project>".utf8).write(to: folder.appendingPathComponent("pom.xml"))
        let report = try Importer(database: AppDatabase.inMemory()).importPaths([folder.path])
        #expect(report.metadata.map(\.asOf) == ["2026-01-01"])
        #expect(report.skipped == ["\(folder.path)/pom.xml: not a CSDL $metadata document (no <edmx:Edmx> element at its start)"])
    }

    @Test func theApiVersionComesFromTheFileName() {
        #expect(MetadataFile.apiVersion(of: "schemas/beta-Prod.csdl") == "beta")
        #expect(MetadataFile.apiVersion(of: "msgraph-metadata-v1.0-Prod-csdl-2026-08-03.xml") == "v1.0")
    }

    /// The real seeds: the 2026 v1.0 schema, and the 2023 one that carries descriptions.
    @Test func theRealDocumentsRead() throws {
        let current = try MetadataFile.read(.memory("v1.0.xml", Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(
            "Seeds/graph-metadata-v1.0-2026-08-03.xml"))), asOf: "2026-08-03")
        #expect(current.namespaces.count == 11)
        #expect(current.types.count == 1182 + 1779 + 861)
        #expect(current.containerMembers.filter { $0.kind == .singleton }.map(\.name).contains("me"))
        #expect(current.operations.count == 857 + 326)
        let call = try #require(current.types.first { $0.qualifiedName == "microsoft.graph.call" })
        #expect(call.members.count == 24)
        let older = try MetadataFile.read(.memory("descriptions.xml", Data(contentsOf: Fixtures.packageRoot.appendingPathComponent(
            "Seeds/graph-metadata-v1.0-descriptions-2023-05-09.xml"))), asOf: "2023-05-09")
        let olderCall = try #require(older.types.first { $0.qualifiedName == "microsoft.graph.call" })
        #expect(olderCall.members.first { $0.name == "callbackUri" }?.description
            == "The callback URL on which callbacks will be delivered. Must be https.")
    }
}
