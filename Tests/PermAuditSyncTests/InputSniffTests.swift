import Foundation
import PermAuditStore
import PermAuditTestSupport
import Testing
@testable import PermAuditSync

/// Input that cannot be a supported format is refused from its first bytes, however large the file: one line
/// naming the file and where, nothing read past the head, nothing written.
@Suite struct InputSniffTests {
    static let expected = "expected JSON ({ or [), CSDL XML (<), MSIdentityTools' CSV table, a CSV of Graph activity or a YAML policy (rules: or exceptions:)"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var head: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    /// Each head is followed by 64 MiB of sparse zeros, which took the import seconds and a GB or more to refuse.
    static let cases: [Case] = [
        Case(name: "zeros.json", head: [],
             message: "line 1, column 1: a NUL byte: binary data or UTF-16 text, not a JSON, XML, CSV or YAML file"),
        Case(name: "program.json", head: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00],
             message: "line 1, column 1: \(expected), found byte 0x7f"),
        Case(name: "cut.json", head: Array("{\"value\": [\n  {".utf8),
             message: "line 2, column 4: a NUL byte: binary data or UTF-16 text, not a JSON, XML, CSV or YAML file"),
        Case(name: "random.json", head: [0x9C, 0xE2, 0x11, 0x7F, 0x45, 0xC3, 0x28, 0x5B],
             message: "line 1, column 1: \(expected), found byte 0x9c"),
        Case(name: "notes.json", head: Array("  \n Lorem ipsum dolor sit amet\n".utf8),
             message: "line 2, column 2: \(expected), found 'L'"),
        Case(name: "owners.csv", head: Array("\u{FEFF}app,owner\nx,y\n".utf8),
             message: "line 1, column 1: \(expected), found 'a'"),
        Case(name: "utf16.json", head: [0xFF, 0xFE, 0x7B, 0x00],
             message: "UTF-16 text: save the file as UTF-8"),
    ]

    /// A file of `head` followed by zeros up to `size` bytes, sparse: no disk and no time spent on the zeros.
    static func sparseFile(_ name: String, head: [UInt8], size: UInt64, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(head)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: size)
        return path
    }

    @Test(arguments: cases)
    func theDetectorRefusesFromTheHeadAndReadsNoFurther(_ example: Case) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.sparseFile(example.name, head: example.head, size: 64 << 20, in: folder)
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        let error = try #require(throws: ImportError.self) { try InputSniff.kind(reading: handle, name: path) }
        #expect(error.description == "\(path): \(example.message)")
        #expect(try handle.offset() <= UInt64(InputSniff.headSize))
    }

    @Test(arguments: cases)
    func anImportIsRefusedWithOneLineAndNothingWritten(_ example: Case) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.sparseFile(example.name, head: example.head, size: 64 << 20, in: folder)
        let database = try AppDatabase.inMemory()
        let before = try database.query(HostileInputTests.snapshotCount).rows
        let error = try #require(throws: ImportError.self) { try Importer(database: database).importPaths([path], tenantId: "t") }
        #expect(error.description == "\(path): \(example.message)")
        #expect(try database.query(HostileInputTests.snapshotCount).rows == before)
    }

    /// What the supported formats start with is let through, to be read by its own reader.
    @Test(arguments: [
        ("a.json", "\u{FEFF} {\"value\": []}", InputSniff.Kind.json),
        ("a.json", "[]", .json),
        ("a.json", " \n\t", .json),
        ("a.xml", "<?xml version=\"1.0\"?><edmx:Edmx/>", .markup),
        ("t.csv", "Type,Permission,Privilege,Reason\n", .riskText),
        ("p.txt", "# my policy\nrules:\n", .riskText),
        ("p.yaml", "version: 1\n", .riskText),
    ])
    func supportedStartsPass(name: String, head: String, kind: InputSniff.Kind) throws {
        #expect(try InputSniff.kind(of: Data(head.utf8), name: name) == kind)
    }

    /// A file read whole (catalog, metadata, risk list) is refused from its size, before a byte is read.
    @Test func aFileTooLargeToReadWholeIsRefusedUnread() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.sparseFile("huge.xml", head: [], size: UInt64(InputSource.wholeFileLimit) + 1, in: folder)
        let error = try #require(throws: ImportError.self) { try InputSource.file(path).bytes() }
        #expect(error.description.hasPrefix("\(path): larger than 256 MiB, too large to read whole"))
    }

    /// JSON that breaks at once is placed from its first bytes, even in a file too large to check whole.
    @Test func garbageAfterABraceIsPlacedWithoutReadingTheFileWhole() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let head = Array(#"{"a": x"#.utf8) + Array(repeating: UInt8(ascii: " "), count: InputSniff.headSize)
        let path = try Self.sparseFile("garbage.json", head: head, size: UInt64(InputSource.wholeFileLimit) + 1, in: folder)
        let error = try #require(throws: ImportError.self) { try Importer(database: AppDatabase.inMemory()).importPaths([path], tenantId: "t") }
        #expect(error.description == "\(path): line 1, column 7: not valid JSON: expected a value (object, list, string, number, true, false or null), found 'x'")
    }
}
