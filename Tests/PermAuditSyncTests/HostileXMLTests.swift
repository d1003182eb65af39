import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// Hostile and broken XML: refused with one line naming the file, line and column; nothing is expanded,
/// fetched or written.
@Suite struct HostileXMLTests {
    static let edmx = #"<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>"#

    static func csdl(_ schema: String) -> Data {
        Data((edmx + #"<Schema Namespace="microsoft.graph" Alias="graph">"# + schema + "</Schema></edmx:DataServices></edmx:Edmx>").utf8)
    }

    @Test(arguments: [
        // External entity (XXE): refused before anything could be fetched.
        (#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><edmx:Edmx>&xxe;</edmx:Edmx>"#,
         "line 1, column 22: a document type declaration is not accepted"),
        // Billion laughs: the entity declarations never get read.
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n<edmx:Edmx>&lol2;</edmx:Edmx>",
         "line 2, column 1: a document type declaration is not accepted"),
        // An entity reference with no declaration at all.
        ("<edmx:Edmx>\n  <x a=\"&lol;\"/></edmx:Edmx>", "line 2, column 9: unknown entity &lol;"),
        ("<edmx:Edmx><a></b></edmx:Edmx>", "line 1, column 15: </b> where </a> was expected"),
        ("<edmx:Edmx><edmx:DataServices>", "the file ends inside <edmx:DataServices>: truncated?"),
        ("<html><body/></html>", "line 1, column 1: the root element is <html>, expected <edmx:Edmx>"),
        ("<edmx:Edmx/><edmx:Edmx/>", "line 1, column 13: a second root element <edmx:Edmx>"),
        ("<edmx:Edmx a=\"1\" a=\"2\"/>", "line 1, column 18: the attribute a appears twice in <edmx:Edmx>"),
        ("<edmx:Edmx a=1/>", "expected a quoted value for the attribute a"),
        ("<edmx:Edmx></edmx:Edmx>", "no <Schema> element: not a CSDL $metadata document"),
        ("<?xml version=\"1.0\"?>\n", "no XML element"),
        ("<edmx:Edmx><!-- never closed </edmx:Edmx>", "line 1, column 12: the comment is not closed"),
    ])
    func brokenXML(text: String, expected: String) throws {
        try HostileInputTests.expectRefused(Data(text.utf8), name: "in.xml", contains: expected)
    }

    @Test func brokenCSDL() throws {
        try HostileInputTests.expectRefused(Self.csdl(#"<EntityType BaseType="graph.entity"/>"#), name: "in.xml",
                                            contains: "line 1, column 149: <EntityType> has no Name attribute")
        try HostileInputTests.expectRefused(Self.csdl(#"<EntityType Name="a"/><EntityType Name="a"/>"#), name: "in.xml",
                                            contains: "the type microsoft.graph.a is declared twice")
        try HostileInputTests.expectRefused(Self.csdl(#"<ComplexType Name="a"><Property Name="p" Type="Edm.String"/><Property Name="p" Type="Edm.Int32"/></ComplexType>"#),
                                            name: "in.xml", contains: "microsoft.graph.a declares p twice")
        try HostileInputTests.expectRefused(Self.csdl(#"<ComplexType Name="a"><Property Name="p"/></ComplexType>"#),
                                            name: "in.xml", contains: "<Property> has no Type attribute")
    }

    @Test func invalidUTF8IsRefusedWithItsPlace() throws {
        var bytes = Array("<edmx:Edmx>\n<a b=\"".utf8)
        bytes += [0xC3, 0x28] + Array("\"/></edmx:Edmx>".utf8)
        try HostileInputTests.expectRefused(Data(bytes), name: "in.xml", contains: "line 2, column 7: invalid UTF-8")
    }

    /// 100,000 levels: refused at the depth bound, without recursion.
    @Test func deepNestingIsRefused() throws {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        try HostileInputTests.expectRefused(Data(("<edmx:Edmx>" + deep + "</edmx:Edmx>").utf8), name: "in.xml",
                                            contains: "elements nested deeper than 100 levels")
    }

    @Test func aByteOrderMarkAndLeadingSpaceAreAccepted() throws {
        let bytes = Data([0xEF, 0xBB, 0xBF]) + Data("\n  ".utf8) + Self.csdl(#"<EntityType Name="a"/>"#)
        let report = try Importer(database: AppDatabase.inMemory()).importInputs([(name: "ok-2026-01-01.xml", bytes: bytes)])
        #expect(report.metadata.map(\.typeCount) == [1])
    }

    /// A bounded random-mutation fuzz of the XML reader and the CSDL reader, seeded from a real cut and the
    /// shapes document: every mutant imports or fails with an ImportError, never crashes.
    @Test func mutatedMetadataNeverCrashes() throws {
        var rng = SplitMix(seed: 20261129)
        let seeds = try ["csdl/graph-v1.0-call-cut-2023-05-09.xml", "csdl/shapes-2026-01-01.xml"].map(Fixtures.data)
        let tokens = ["<", ">", "/>", "</", "\"", "'", "&", "&amp;", "&#x0;", "<!DOCTYPE", "<![CDATA[", "]]>", "<!--", "-->",
                      "<?", "?>", "=", " ", "\u{FEFF}", "Collection(", ")", "graph."]
        let outcomes = try HostileInputTests.fuzz(seeds: seeds, tokens: tokens, rounds: 300, rng: &rng) { round, bytes in
            _ = try Importer(database: AppDatabase.inMemory()).importInputs([(name: "mutant-\(round).xml", bytes: bytes)], asOf: "2026-01-01")
        }
        #expect(outcomes.imported + outcomes.refused == 300)
        #expect(outcomes.refused > 0 && outcomes.imported > 0)
    }
}
