import Foundation
import PermAuditStore

extension Importer {
    /// What a catalog input is, told from its content as the import tells it: the catalog source it would make a
    /// snapshot of, `metadata` for a `$metadata` document, nil for anything else. `permaudit sync catalog`
    /// checks a download with it before importing, so a mirror answering with another file imports nothing.
    public static func catalogKind(name: String, bytes: Data) throws -> String? {
        let source = InputSource.memory(name, bytes)
        switch try InputKind.of(source) {
        case .metadata: return "metadata"
        case .document(let format): return try CatalogFileDecoder.decode(try JSONInput(name: name, bytes: bytes), as: format).source.rawValue
        default: return nil
        }
    }
}
