import Foundation
import PermAuditStore

/// A CSDL `$metadata` file to import: read whole (a few MB), its API version told from its name.
enum MetadataFile {
    static func read(_ source: InputSource, asOf: String) throws -> MetadataDocument {
        let bytes = try source.bytes()
        return try CSDLReader.read(file: source.name, data: bytes, asOf: asOf, apiVersion: apiVersion(of: source.name),
                                   sha256: SHA256.hex(bytes))
    }

    /// `beta` when the file name says so (Graph publishes `beta.csdl` and `v1.0.csdl`), else `v1.0`.
    static func apiVersion(of fileName: String) -> String {
        (fileName as NSString).lastPathComponent.lowercased().contains("beta") ? "beta" : "v1.0"
    }
}
