import Foundation
import PermAuditStore

/// Tells a risk file's format from its content and decodes it into a list with its provenance:
/// EntraOps' classification and azure-tiering's tiers (JSON lists), MSIdentityTools' table (CSV), and the
/// organisation's policy (JSON, or the YAML subset of `PolicyYAML`).
enum RiskFileDecoder {
    /// A risk list in a JSON document, or nil when the document is not one (a catalog file).
    static func decode(_ input: JSONInput, as format: InputFormat, asOf: String) throws -> RiskListBatch? {
        var batch = RiskListBatch(source: .policy, asOf: asOf, fileName: input.name, fileSha256: input.sha256)
        switch format {
        case .entraOps:
            batch.source = .entraOps
            batch.entries = try EntraOpsMapping.entries(try input.decode([EntraOpsTierLevel].self), file: input.name)
        case .azureTiering:
            batch.source = .azureTiering
            batch.entries = try AzureTieringMapping.entries(try input.decode([AzureTieringPermission].self), file: input.name)
        case .riskPolicy:
            batch.policy = try input.decode(PolicyDocument.self).policy(file: input.name)
        default:
            return nil
        }
        return batch
    }

    /// A risk list in a text file (CSV or YAML), or nil when the bytes are JSON or no known text format. A file
    /// named .yaml or .yml is a policy: its errors are reported with their line and column.
    static func decodeText(name: String, bytes: Data, asOf: String) throws -> RiskListBatch? {
        guard let text = Self.text(bytes) else { return nil }
        let firstLine = text.prefix { !$0.isNewline }
        var batch = RiskListBatch(source: .policy, asOf: asOf, fileName: name, fileSha256: SHA256.hex(bytes))
        if MSIdentityToolsTable.matches(firstLine: String(firstLine)) {
            batch.source = .msIdentityTools
            batch.entries = try MSIdentityToolsTable.entries(text, file: name)
        } else if PolicyYAML.isYAMLFile(name) || PolicyYAML.looksLikePolicy(text) {
            let input = try JSONInput(name: name, bytes: try PolicyYAML.json(text, file: name))
            batch.policy = try input.decode(PolicyDocument.self).policy(file: name)
        } else {
            return nil
        }
        return batch
    }

    /// The file as text when it is not JSON: UTF-8, without a byte-order mark, not starting with `{` or `[`.
    static func text(_ bytes: Data) -> String? {
        guard !startsLikeJSON(bytes) else { return nil }
        return String(data: Data(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]), encoding: .utf8)
    }

    /// True when the first byte after white space (and a byte-order mark) is `{` or `[`, or there is none.
    static func startsLikeJSON(_ bytes: Data) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        guard let first = body.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else { return true }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Whether a text file found in a directory is a risk list, told from its first bytes.
    /// A CSV or YAML file permaudit reads: a risk list, a policy, or Graph activity exported as CSV.
    static func isKnownText(atPath path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // the import names the problem
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let text = String(decoding: head, as: UTF8.self)
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = String(body.prefix { !$0.isNewline })
        return MSIdentityToolsTable.matches(firstLine: firstLine) || ActivityCSV.matches(firstLine: firstLine) || PolicyYAML.looksLikePolicy(body)
    }

    static func formatName(_ source: RiskSource) -> String {
        switch source {
        case .entraOps: "EntraOps classification"
        case .msIdentityTools: "MSIdentityTools permission table"
        case .azureTiering: "azure-tiering tiered permissions"
        case .policy: "risk policy"
        case .kibali: "Kibali"
        }
    }
}
