import Foundation
import PermAuditStore

/// One input: a file on disk, read in chunks when streamed, or contents already in memory (the sample tenant, tests).
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

    /// The whole input, for the formats read whole; a file larger than `limit` is refused before it is read.
    func bytes(limit: Int = wholeFileLimit) throws -> Data {
        if let data { return data }
        guard byteCount() <= limit else {
            throw ImportError(file: name, problem: "larger than \(limit >> 20) MiB, too large to read whole "
                + "(catalogs, metadata and risk lists are a few MB; a tenant export is streamed as a Graph page, a list or NDJSON)")
        }
        return try InputFiles.read(name)
    }

    /// Catalog documents and CSDL metadata are a few MB (Graph's v1.0 $metadata 3.4 MB): far below the bound, which
    /// keeps a huge file from being read whole and copied by the syntax check.
    static let wholeFileLimit = 256 << 20

    /// Where the syntax breaks, as line and column (an error path only): found in the first bytes when it is
    /// there, as in garbage after a `{`, else by checking the file whole if it is small enough.
    func preciseSyntaxError() throws -> ImportError? {
        if let error = try syntaxErrorInHead() { return error }
        guard byteCount() <= Self.wholeFileLimit else { return nil }
        do {
            _ = try JSONInput(name: name, bytes: bytes())
            return nil
        } catch let error as ImportError {
            return error
        }
    }

    /// A problem in the first 4 MiB of a larger file, unless it may be the cut's (too near their end).
    private func syntaxErrorInHead() throws -> ImportError? {
        let size = 4 << 20
        guard byteCount() > size else { return nil }
        var head = try prefix(size)
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        guard let (problem, offset) = JSONSyntaxCheck.firstProblemAndOffset(in: head), offset + 64 < head.count else { return nil }
        return ImportError(file: name, location: problem.location, problem: "not valid JSON: \(problem.message)")
    }

    private func prefix(_ count: Int) throws -> Data {
        if let data { return data.prefix(count) }
        guard let handle = FileHandle(forReadingAtPath: name) else {
            throw ImportError(file: name, problem: "cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        return try handle.read(upToCount: count) ?? Data()
    }

    /// What the first bytes say the input can be; nothing past them is read (see `InputSniff`).
    func sniff() throws -> InputSniff.Kind {
        if let data { return try InputSniff.kind(of: data.prefix(InputSniff.headSize), name: name) }
        guard let handle = FileHandle(forReadingAtPath: name) else {
            throw ImportError(file: name, problem: "cannot be read (check its permissions)")
        }
        defer { try? handle.close() }
        return try InputSniff.kind(reading: handle, name: name)
    }

    /// The file's sha256, read in chunks.
    func sha256() throws -> String {
        if let data { return SHA256.hex(data) }
        var hasher = SHA256()
        try FileChunks(path: name).forEachChunk { hasher.update($0) }
        return hasher.finalizeHex()
    }
}

/// What an input holds, told from its first bytes and first element, without reading it whole.
enum InputKind {
    /// A JSON document read whole: a catalog file or a risk list, in the format told here from what the reader
    /// has read (decoding the whole file to learn its keys cost a tenth of a catalog import): a document's
    /// top-level keys; for a Graph page, the keys before its "value" list and the list's first element's.
    case document(InputFormat)
    case tenant(TenantCollection)
    /// A CSDL `$metadata` document (XML).
    case metadata
    /// A risk list in a text format (MSIdentityTools CSV, a YAML policy), already read.
    case riskText(RiskListBatch)
    /// Microsoft Graph activity-log records.
    case activity
    /// The servicePrincipalSignInActivities report.
    case signIns

    static func of(_ source: InputSource) throws -> InputKind {
        switch try source.sniff() {
        case .markup: return .metadata
        case .riskText: return .riskText(try textRiskList(source))
        case .activityCSV: return .activity
        case .json: break
        }
        let reader: JSONElementReader
        let firstKeys: Set<String>?
        do {
            reader = try source.reader()
            firstKeys = try reader.peek().flatMap(Self.keys)
        } catch let error as ImportError {
            throw try source.preciseSyntaxError() ?? error
        }
        if let firstKeys, ActivityRecord.isRecord(firstKeys) { return .activity }
        if let firstKeys, SignInReport.isReport(firstKeys) { return .signIns }
        switch reader.layout {
        case .document:
            // The reader has read every top-level key to tell this layout.
            let keys = Set(reader.topLevel.keys.map { $0.lowercased() })
            // One record alone (an hour with a single request) is a document too.
            if keys.contains("records") || keys.contains("tables") || ActivityRecord.isRecord(keys) { return .activity }
            // Never streamed as a tenant export: a document has no "value" list to stream (a "Value" list told
            // as one by its @odata.context is refused by the catalog decoder, which names it).
            return .document(InputFormat.detect(.object(keys: keys, firstValueKeys: nil, context: context(reader)), fileName: source.name))
        case .lines:
            guard let collection = TenantCollection.fromFileName(source.name) ?? firstKeys.flatMap(TenantCollection.fromShape) else {
                throw ImportError(file: source.name, location: "line 1",
                                  problem: "one JSON object per line, but not a servicePrincipal, oauth2PermissionGrant, appRoleAssignment or organization")
            }
            return .tenant(collection)
        case .list:
            return kind(InputFormat.detect(.array(firstKeys: firstKeys), fileName: source.name))
        case .page:
            let keys = Set(reader.topLevel.keys.map { $0.lowercased() })
            return kind(InputFormat.detect(.object(keys: keys, firstValueKeys: firstKeys, context: context(reader)), fileName: source.name))
        }
    }

    private static func kind(_ format: InputFormat) -> InputKind {
        if case .tenant(let collection, _) = format { return .tenant(collection) }
        return .document(format)
    }

    /// A Graph page's `@odata.context`, which names its collection.
    private static func context(_ reader: JSONElementReader) -> String? {
        reader.topLevel["@odata.context"].flatMap { try? JSONDecoder().decode(String.self, from: $0) }
    }

    /// Text risk lists are small (a few KB): read whole, up to a bound that keeps a large text file from being decoded.
    private static func textRiskList(_ source: InputSource) throws -> RiskListBatch {
        let bytes = try source.bytes(limit: textLimit)
        guard let list = try RiskFileDecoder.decodeText(name: source.name, bytes: bytes, asOf: "") else {
            throw ImportError(file: source.name, problem: "not UTF-8 text; expected MSIdentityTools' CSV table or a YAML policy")
        }
        return list
    }

    private static let textLimit = 16 << 20

    /// The lower-cased property names of one element, if it is an object.
    private static func keys(_ element: JSONElementReader.Element) -> Set<String>? {
        guard let object = try? JSONSerialization.jsonObject(with: element.bytes) as? [String: Any] else { return nil }
        return Set(object.keys.map { $0.lowercased() })
    }
}
