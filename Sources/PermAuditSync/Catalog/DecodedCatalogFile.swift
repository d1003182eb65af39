import PermAuditStore

/// One input file, decoded and mapped to what the store records: the series it belongs to and its parts.
struct DecodedCatalogFile {
    var source: CatalogSource
    var resourceAppId: String?
    var parts: [CatalogPart]
    var formatName: String
}
