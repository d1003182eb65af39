import PermAuditStore

/// azure-tiering's entries as risk entries.
enum AzureTieringMapping {
    /// Keyed by the app role id on Microsoft Graph; the name is kept for reading only.
    static func entries(_ permissions: [AzureTieringPermission], file: String) throws -> [RiskEntry] {
        try permissions.enumerated().map { index, permission in
            guard let tier = Int(permission.tier), (0...2).contains(tier) else {
                throw ImportError(file: file, location: "$[\(index)].tier", problem: "expected a tier \"0\", \"1\" or \"2\", found \"\(permission.tier)\"")
            }
            guard !permission.id.isEmpty else {
                throw ImportError(file: file, location: "$[\(index)].id", problem: "expected the app role id, found an empty string")
            }
            return RiskEntry(location: "$[\(index)]", resourceAppId: WellKnownApp.microsoftGraph, kind: .application,
                             permission: permission.assetName, permissionId: permission.id.lowercased(), tier: tier,
                             category: permission.pathType)
        }
    }
}
