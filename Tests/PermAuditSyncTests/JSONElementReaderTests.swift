import Foundation
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

@Suite struct JSONElementReaderTests {
    static func elements(_ text: String, name: String = "in.json") throws -> (JSONElementReader, [JSONElementReader.Element]) {
        let reader = try JSONElementReader(name: name, data: Data(text.utf8))
        var elements: [JSONElementReader.Element] = []
        while let element = try reader.next() { elements.append(element) }
        return (reader, elements)
    }

    @Test func aGraphPageYieldsItsValueElementsAndKeepsTheOtherKeys() throws {
        let (reader, elements) = try Self.elements("""
            {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#oauth2PermissionGrants",
             "value": [{"id": "a", "scope": "x ] } y"}, {"id": "b\\"]"} , 7, "s", [1, [2]]],
             "@odata.nextLink": "https://graph.microsoft.com/v1.0/oauth2PermissionGrants?$skiptoken=2"}
            """)
        #expect(reader.layout == .page)
        #expect(elements.map { String(decoding: $0.bytes, as: UTF8.self) }
            == [#"{"id": "a", "scope": "x ] } y"}"#, #"{"id": "b\"]"}"#, "7", #""s""#, "[1, [2]]"])
        #expect(elements.map(\.location) == ["$.value[0]", "$.value[1]", "$.value[2]", "$.value[3]", "$.value[4]"])
        #expect(reader.topLevel.keys.sorted() == ["@odata.context", "@odata.nextLink", "value"])
    }

    @Test func anElementLargerThanAChunkWithAnEscapeAtTheChunksEdge() throws {
        // The backslash is the last byte of the first chunk, the quote it escapes the first of the next.
        let head = #"{"value": [{"id": ""#
        let filler = String(repeating: "a", count: JSONElementReader.chunkSize - head.utf8.count - 1)
        let first = #"{"id": ""# + filler + #"\"]} more"}"#
        let (_, elements) = try Self.elements(#"{"value": ["# + first + #", {"id": "b"}]}"#)
        #expect(elements.count == 2)
        #expect(elements.first.map { String(decoding: $0.bytes, as: UTF8.self) } == first)
        #expect(elements.last.map { String(decoding: $0.bytes, as: UTF8.self) } == #"{"id": "b"}"#)
    }

    /// A string's text that runs exactly to the end of the bytes read so far (two chunks: the reader looks a
    /// chunk past the start for NDJSON's first line), at each of the eight offsets the reader's eight-byte steps
    /// through a string can have: the quote that is the next chunk's first byte ends it.
    @Test(arguments: 0..<8)
    func aStringEndingWhereAChunkEnds(offset: Int) throws {
        let head = #"{"value": ["# + String(repeating: " ", count: offset) + #"{"id": ""#
        let filler = String(repeating: "a", count: 2 * JSONElementReader.chunkSize - head.utf8.count)
        let first = #"{"id": ""# + filler + #""}"#
        let (_, elements) = try Self.elements(head.dropLast(8) + first + #", {"id": "b\\"}]}"#)
        #expect(elements.map { String(decoding: $0.bytes, as: UTF8.self) } == [first, #"{"id": "b\\"}"#])
    }

    @Test func aBareListAndAnEmptyPage() throws {
        let (list, elements) = try Self.elements("\u{FEFF} [ {\"a\": 1} ,{\"b\": 2}] ")
        #expect(list.layout == .list)
        #expect(elements.map(\.location) == ["$[0]", "$[1]"])
        let (page, none) = try Self.elements(#"{"@odata.context": "x#servicePrincipals", "value": []}"#)
        #expect(page.layout == .page && none.isEmpty)
    }

    @Test func aPageOnOneLineWithItsNewlineIsAPageNotNDJSON() throws {
        let (reader, elements) = try Self.elements(#"{"@odata.context": "x#oauth2PermissionGrants", "value": [{"id": "a"}, {"id": "b"}]}"# + "\n\n")
        #expect(reader.layout == .page)
        #expect(elements.map(\.location) == ["$.value[0]", "$.value[1]"])
    }

    @Test func ndjsonYieldsLinesAndSkipsBlankOnes() throws {
        let (reader, elements) = try Self.elements("{\"id\": 1}\n\n{\"id\": 2}\r\n{\"id\": 3}\n")
        #expect(reader.layout == .lines)
        #expect(elements.map(\.location) == ["line 1", "line 3", "line 4"])
    }

    @Test func aDocumentWithoutAValueListHasNoElements() throws {
        let (reader, elements) = try Self.elements(#"{"permissions": {"Mail.Read": {}}}"#)
        #expect(reader.layout == .document && elements.isEmpty)
    }

    @Test func aCutShortPageIsAnErrorNamingTheElement() throws {
        #expect(throws: ImportError(file: "in.json", location: "$.value[1]", problem: "not valid JSON: unexpected end of file; the JSON is cut short")) {
            _ = try Self.elements(#"{"value": [{"id": 1}, {"id": 2"#)
        }
    }

    /// Elements that cross the reader's 1 MiB chunks come out whole and in order.
    @Test func elementsAcrossChunkBoundaries() throws {
        let objects = (0..<30_000).map { #"{"id": "grant-\#($0)", "scope": "User.Read Mail.Read Files.Read.All \#($0)"}"# }
        let text = #"{"@odata.context": "x#oauth2PermissionGrants", "value": ["# + objects.joined(separator: ",") + "]}"
        #expect(text.utf8.count > 2 * JSONElementReader.chunkSize)
        let (_, elements) = try Self.elements(text)
        #expect(elements.map { String(decoding: $0.bytes, as: UTF8.self) } == objects)
    }

    /// Past the sniffed head, the reader stops at the first byte no JSON value holds: zeros after `[` and some
    /// white space are not read whole as one scalar.
    @Test func zerosAfterTheHeadStopTheReaderAtOnce() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = Array("[".utf8) + Array(repeating: UInt8(ascii: " "), count: InputSniff.headSize)
        let path = try InputSniffTests.sparseFile("late-zeros.json", head: head, size: 64 << 20, in: folder)
        #expect(try InputSniff.kind(of: Data(head), name: path) == .json)
        let reader = try JSONElementReader(path: path)
        let error = try #require(throws: ImportError.self) { try reader.peek() }
        #expect(error.description == "\(path): $[0]: not valid JSON: expected a value (object, list, string, number, true, false or null)")
        #expect(reader.bytesRead <= 2 * JSONElementReader.chunkSize)
    }

    /// White space between elements, and blank lines between NDJSON lines, are dropped as they are read.
    @Test(arguments: [("[", ",", "]"), ("", "\n", "\n")])
    func whiteSpaceBetweenElementsIsNotHeld(open: String, separator: String, close: String) throws {
        let blank = String(repeating: "\n", count: 8 * JSONElementReader.chunkSize)
        let text = open + #"{"a": 1}"# + separator + #"{"a": 2}"# + separator + blank + #"{"a": 3}"# + blank + close
        let reader = try JSONElementReader(name: "in.json", data: Data(text.utf8))
        var held: [Int] = []
        var elements: [String] = []
        while let element = try reader.next() {
            elements.append(String(decoding: element.bytes, as: UTF8.self))
            held.append(reader.bufferedByteCount)
        }
        held.append(reader.bufferedByteCount)
        #expect(reader.layout == (open.isEmpty ? .lines : .list))
        #expect(elements == [#"{"a": 1}"#, #"{"a": 2}"#, #"{"a": 3}"#])
        #expect(held.allSatisfy { $0 <= 3 * JSONElementReader.chunkSize }, "\(held)")
    }
}
