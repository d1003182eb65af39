import Foundation
import PermAuditStore

/// One input: a file on disk, read in chunks when streamed, or contents already in memory (seeds, tests).
struct InputSource {
    let name: String
    private let data: Data?

    static func file(_ path: String) -> InputSource { InputSource(name: path, data: nil) }
    static func memory(_ name: String, _ data: Data) -> InputSource { InputSource(name: name, data: data) }

    func reader() throws -> JSONElementReader {
        if let data { return try JSONElementReader(name: name, data: data) }
        return try JSONElementReader(path: name)
    }

    /// The size in bytes (0 when the file cannot be read: its reader names the problem).
    func byteCount() -> Int {
        data?.count ?? ((try? FileManager.default.attributesOfItem(atPath: name)[.size] as? NSNumber)?.intValue ?? 0)
    }

    func bytes() throws -> Data {
        try data ?? InputFiles.read(name)
    }

    /// Where the syntax breaks, as line and column, for a file small enough to check whole (an error path only).
    func preciseSyntaxError() throws -> ImportError? {
        let size = data?.count ?? ((try? FileManager.default.attributesOfItem(atPath: name)[.size] as? NSNumber)?.intValue ?? .max)
        guard size <= 256 << 20 else { return nil }
        do {
            _ = try JSONInput(name: name, bytes: bytes())
            return nil
        } catch let error as ImportError {
            return error
        }
    }

    /// Whether the first byte after a byte-order mark and white space is `<`: an XML document.
    func startsWithMarkup() throws -> Bool {
        var head: Data
        if let data {
            head = data.prefix(4096)
        } else {
            guard let handle = FileHandle(forReadingAtPath: name) else { return false }  // the JSON reader names the problem
            defer { try? handle.close() }
            head = try handle.read(upToCount: 4096) ?? Data()
        }
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        return head.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "<")
    }

    /// True when the first byte after white space (and a byte-order mark) is `{` or `[`: read as JSON.
    func startsLikeJSON() throws -> Bool {
        let head: Data
        if let data {
            head = data.prefix(4096)
        } else {
            guard let handle = FileHandle(forReadingAtPath: name) else {
                throw ImportError(file: name, problem: "cannot be read (check its permissions)")
            }
            defer { try? handle.close() }
            head = try handle.read(upToCount: 4096) ?? Data()
        }
        return RiskFileDecoder.startsLikeJSON(head)
    }

    /// The file's sha256, read in chunks.
    func sha256() throws -> String {
        if let data { return SHA256.hex(data) }
        guard let handle = FileHandle(forReadingAtPath: name) else {
            throw ImportError(file: name, problem: "cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return hasher.finalizeHex()
    }
}

/// What an input holds, told from its first bytes and first element, without reading it whole.
enum InputKind {
    /// A JSON document read whole: a catalog file or a risk list.
    case document
    case tenant(TenantCollection)
    /// A CSDL `$metadata` document (XML).
    case metadata
    /// A risk list in a text format (MSIdentityTools CSV, a YAML policy), already read.
    case riskText(RiskListBatch)

    static func of(_ source: InputSource) throws -> InputKind {
        if try source.startsWithMarkup() { return .metadata }
        if let list = try textRiskList(source) { return .riskText(list) }
        let reader: JSONElementReader
        let firstKeys: Set<String>?
        do {
            reader = try source.reader()
            firstKeys = try reader.peek().flatMap(Self.keys)
        } catch let error as ImportError {
            throw try source.preciseSyntaxError() ?? error
        }
        switch reader.layout {
        case .document:
            return .document
        case .lines:
            guard let collection = TenantCollection.fromFileName(source.name) ?? firstKeys.flatMap(TenantCollection.fromShape) else {
                throw ImportError(file: source.name, location: "line 1",
                                  problem: "one JSON object per line, but not a servicePrincipal, oauth2PermissionGrant, appRoleAssignment or organization")
            }
            return .tenant(collection)
        case .list:
            return kind(InputFormat.detect(.array(firstKeys: firstKeys), fileName: source.name))
        case .page:
            let context = reader.topLevel["@odata.context"].flatMap { try? JSONDecoder().decode(String.self, from: $0) }
            let keys = Set(reader.topLevel.keys.map { $0.lowercased() })
            return kind(InputFormat.detect(.object(keys: keys, firstValueKeys: firstKeys, context: context), fileName: source.name))
        }
    }

    private static func kind(_ format: InputFormat) -> InputKind {
        if case .tenant(let collection, _) = format { return .tenant(collection) }
        return .document
    }

    /// Text files are small: the first bytes tell JSON from text, then the text is read whole.
    private static func textRiskList(_ source: InputSource) throws -> RiskListBatch? {
        guard try !source.startsLikeJSON() else { return nil }
        return try RiskFileDecoder.decodeText(name: source.name, bytes: source.bytes(), asOf: "")
    }

    /// The lower-cased property names of one element, if it is an object.
    private static func keys(_ element: JSONElementReader.Element) -> Set<String>? {
        guard let object = try? JSONSerialization.jsonObject(with: element.bytes) as? [String: Any] else { return nil }
        return Set(object.keys.map { $0.lowercased() })
    }
}
