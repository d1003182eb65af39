/// What a file holds, told from its content (never from its name).
enum InputFormat: Equatable {
    case kibaliPermissions
    case kibaliProvisioningInfo
    case servicePrincipal
    case permissionScopes(wrapped: Bool)
    case appRoles(wrapped: Bool)
    case permissionsDescriptions
    case microsoftApps(wrapped: Bool)
    /// Risk lists: EntraOps' classification, azure-tiering's tiered permissions, the organisation's policy.
    case entraOps
    case azureTiering
    case riskPolicy
    /// A tenant export file: a Graph page `{"value": [...]}` (wrapped) or a bare list of objects.
    case tenant(TenantCollection, wrapped: Bool)
    case unknown(String)

    /// Tells the format from the property names at the top of the document, or of its first element;
    /// a tenant collection is named by `@odata.context`, else the file name, else the objects' shape.
    static func detect(_ probe: FormatProbe, fileName: String) -> InputFormat {
        switch probe {
        case .object(let keys, let firstValueKeys, let context):
            if keys.contains("value"), let collection = context.flatMap(TenantCollection.fromContext),
               firstValueKeys.map({ elementFormat($0, wrapped: true) == nil }) ?? true {
                return .tenant(collection, wrapped: true)
            }
            if keys.contains("permissions") { return .kibaliPermissions }
            if keys.contains("permissiondeployments") { return .kibaliProvisioningInfo }
            if keys.contains("delegatedscopeslist") || keys.contains("applicationscopeslist") { return .permissionsDescriptions }
            if keys.contains("approles") || keys.contains("oauth2permissionscopes") || keys.contains("publishedpermissionscopes") {
                return .servicePrincipal
            }
            if !keys.contains("value") && (keys.contains("rules") || keys.contains("exceptions")) { return .riskPolicy }
            if let elementKeys = firstValueKeys {
                return elementFormat(elementKeys, wrapped: true)
                    ?? tenantFormat(elementKeys, fileName: fileName, wrapped: true)
                    ?? .unknown("a \"value\" collection of objects with properties \(sample(elementKeys))")
            }
            if keys.contains("value") { return .unknown("an empty \"value\" collection: nothing to tell its format from") }
            return .unknown("an object with properties \(sample(keys))")
        case .array(let firstKeys):
            guard let firstKeys else { return .unknown("an empty list: nothing to tell its format from") }
            return elementFormat(firstKeys, wrapped: false)
                ?? tenantFormat(firstKeys, fileName: fileName, wrapped: false)
                ?? .unknown("a list of objects with properties \(sample(firstKeys))")
        }
    }

    private static func elementFormat(_ keys: Set<String>, wrapped: Bool) -> InputFormat? {
        if keys.contains("allowedmembertypes") { return .appRoles(wrapped: wrapped) }
        if !wrapped && keys.contains("eamtierlevelname") && keys.contains("tierleveldefinition") { return .entraOps }
        if !wrapped && keys.isSuperset(of: ["tier", "id", "assetname"]) { return .azureTiering }
        if keys.contains("adminconsentdisplayname") || keys.contains("userconsentdisplayname") { return .permissionScopes(wrapped: wrapped) }
        // The first-party list has no object id; a service principal always has one.
        if keys.contains("appownerorganizationid") && keys.contains("appid") && !keys.contains("id") {
            return .microsoftApps(wrapped: wrapped)
        }
        return nil
    }

    private static func tenantFormat(_ keys: Set<String>, fileName: String, wrapped: Bool) -> InputFormat? {
        (TenantCollection.fromFileName(fileName) ?? TenantCollection.fromShape(keys)).map { .tenant($0, wrapped: wrapped) }
    }

    private static func sample(_ keys: Set<String>) -> String {
        guard !keys.isEmpty else { return "(none)" }
        let shown = keys.sorted().prefix(5).joined(separator: ", ")
        return keys.count > 5 ? shown + ", ..." : shown
    }
}

/// The property names (lower-cased) at the top of a JSON document, or of its first element, enough to tell its
/// format: what `JSONElementReader` has read by the time it knows the document's layout.
enum FormatProbe {
    case object(keys: Set<String>, firstValueKeys: Set<String>?, context: String?)
    case array(firstKeys: Set<String>?)
}
