import Foundation
import PermAuditStore

extension Importer {
    /// One input as read before the import's transaction: what it is and, for the kinds read whole, its content.
    enum InputRead: Sendable {
        case risk(RiskListBatch)
        case catalog(DecodedCatalogFile)
        case metadata(MetadataDocument)
        /// Streamed inside the transaction.
        case tenant(TenantCollection)
        /// Read and aggregated before the transaction, against the catalog as it is.
        case activity
        case signIns([SignInActivity])
    }

    /// Every input told apart and, for the kinds read whole, decoded, on every core at once (the seeds' two
    /// CSDL documents and their Kibali file each take a tenth of a second). Each input keeps its own result,
    /// in the inputs' order, so the first bad input is still the one an import reports.
    static func readAll(_ sources: [InputSource], dates: [String], skipInvalid: Bool) -> [Result<InputRead, any Error>] {
        ParallelMap.map(Array(zip(sources, dates))) { source, date in
            Result { try read(source, asOf: date, skipInvalid: skipInvalid) }
        }
    }

    private static func read(_ source: InputSource, asOf date: String, skipInvalid: Bool) throws -> InputRead {
        switch try InputKind.of(source) {
        case .riskText(let list):
            return .risk(dated(list, date))
        case .document(let format):
            let input = try JSONInput(name: source.name, bytes: source.bytes())
            if let list = try RiskFileDecoder.decode(input, as: format, asOf: date) { return .risk(list) }
            return .catalog(try CatalogFileDecoder.decode(input, as: format))
        case .metadata:
            return .metadata(try MetadataFile.read(source, asOf: date))
        case .tenant(let collection):
            // Its structure checked first only when bad files may be skipped (a break cannot be read past;
            // a bad object is skipped while streaming).
            if skipInvalid { try checkStructure(source) }
            return .tenant(collection)
        case .activity:
            return .activity
        case .signIns:
            return .signIns(try SignInReport.read(source))
        }
    }

    /// Reads a tenant file through, elements undecoded: where its structure breaks, if it does.
    private static func checkStructure(_ source: InputSource) throws {
        let reader = try source.reader()
        while try reader.next() != nil {}
    }

    private static func dated(_ list: RiskListBatch, _ date: String) -> RiskListBatch {
        var list = list
        list.asOf = date
        return list
    }
}
