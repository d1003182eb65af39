/// One input file, decoded: a part of a catalog snapshot, or objects of a tenant export.
enum DecodedFile {
    case catalog(DecodedCatalogFile)
    case tenant(TenantFile)
}

/// Tells what a file holds from its content and hands it to the decoder for that kind.
enum FileDecoder {
    static func decode(_ input: JSONInput) throws -> DecodedFile {
        if let lines = NDJSONLines(input) {
            return .tenant(try TenantFileDecoder.decode(lines))
        }
        let format = InputFormat.detect(try input.decode(FormatProbe.self), fileName: input.name)
        if case .tenant(let collection, let wrapped) = format {
            return .tenant(try TenantFileDecoder.decode(input, collection: collection, wrapped: wrapped))
        }
        return .catalog(try CatalogFileDecoder.decode(input, format: format))
    }
}
