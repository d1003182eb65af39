import PermAuditStore

/// One input file, decoded and mapped to what the store records: the series it belongs to and its parts.
struct DecodedCatalogFile {
    var source: CatalogSource
    var resourceAppId: String?
    var parts: [CatalogPart]
    var formatName: String
}

enum WellKnownApp {
    /// Microsoft Graph's appId: the resource of every Kibali, provisioningInfo and description catalog.
    static let microsoftGraph = "00000003-0000-0000-c000-000000000000"
}
