import PermAuditStore

/// One entry of azure-tiering's tiered Microsoft Graph application permissions: tier "0", "1" or "2" by app role id.
struct AzureTieringPermission: Decodable {
    var tier: String
    var id: String
    var assetName: String?
    var pathType: String?
}
