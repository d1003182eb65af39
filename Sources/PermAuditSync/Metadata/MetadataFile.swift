import Foundation
import PermAuditStore

/// A CSDL `$metadata` file to import: read whole (a few MB), its API version told from its name.
enum MetadataFile {
    static func read(_ source: InputSource, asOf: String) throws -> MetadataDocument {
        let bytes = try source.bytes()
        return try CSDLReader.read(file: source.name, data: bytes, asOf: asOf, apiVersion: apiVersion(of: source.name),
                                   sha256: SHA256.hex(bytes))
    }

    /// Whether a file in a directory is worth reading as metadata: its first 4 KB name the `Edmx` root.
    static func looksLikeMetadata(atPath path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }  // the import names the problem
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        return String(decoding: head, as: UTF8.self).contains("Edmx")
    }

    /// `beta` when the file name says so (Graph publishes `beta.csdl` and `v1.0.csdl`), else `v1.0`.
    static func apiVersion(of fileName: String) -> String {
        (fileName as NSString).lastPathComponent.lowercased().contains("beta") ? "beta" : "v1.0"
    }
}
