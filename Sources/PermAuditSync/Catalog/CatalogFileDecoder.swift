import PermAuditStore

/// Decodes a catalog file, in the format `InputKind` told from its content, into the parts of a catalog snapshot.
enum CatalogFileDecoder {
    static func decode(_ input: JSONInput, as format: InputFormat) throws -> DecodedCatalogFile {
        let file = input.name
        let sha = input.sha256
        switch format {
        case .kibaliPermissions:
            let entries = try KibaliMapping.entries(try input.decode(KibaliPermissions.self), file: file)
            return DecodedCatalogFile(
                source: .kibali, resourceAppId: WellKnownApp.microsoftGraph,
                parts: [CatalogPart(name: .permissions, fileName: file, fileSha256: sha, permissions: entries)],
                formatName: "Kibali permissions")
        case .kibaliProvisioningInfo:
            let entries = try KibaliMapping.entries(try input.decode(KibaliProvisioningInfo.self), file: file)
            return DecodedCatalogFile(
                source: .provisioningInfo, resourceAppId: WellKnownApp.microsoftGraph,
                parts: [CatalogPart(name: .provisioning, fileName: file, fileSha256: sha, permissions: entries)],
                formatName: "Kibali provisioningInfo")
        case .servicePrincipal:
            return try servicePrincipal(input)
        case .permissionScopes(let wrapped):
            let scopes = wrapped
                ? try input.decodeAnyCase(GraphCollection<GraphPermissionScope>.self).value
                : try input.decodeAnyCase([GraphPermissionScope].self)
            let entries = try ServicePrincipalMapping.entries(scopes, file: file, at: wrapped ? "$.value" : "$")
            return DecodedCatalogFile(
                source: .servicePrincipal, resourceAppId: WellKnownApp.microsoftGraph,
                parts: [CatalogPart(name: .delegated, fileName: file, fileSha256: sha, permissions: entries)],
                formatName: "service principal scopes")
        case .appRoles(let wrapped):
            let roles = wrapped
                ? try input.decodeAnyCase(GraphCollection<GraphAppRole>.self).value
                : try input.decodeAnyCase([GraphAppRole].self)
            let entries = try ServicePrincipalMapping.entries(roles, file: file, at: wrapped ? "$.value" : "$")
            return DecodedCatalogFile(
                source: .servicePrincipal, resourceAppId: WellKnownApp.microsoftGraph,
                parts: [CatalogPart(name: .application, fileName: file, fileSha256: sha, permissions: entries)],
                formatName: "service principal app roles")
        case .permissionsDescriptions:
            let document = try input.decode(PermissionsDescriptions.self)
            let delegated = try DescriptionsMapping.entries(
                document.delegatedScopesList ?? [], kind: .delegated, file: file, at: "$.delegatedScopesList")
            let application = try DescriptionsMapping.entries(
                document.applicationScopesList ?? [], kind: .application, file: file, at: "$.applicationScopesList")
            return DecodedCatalogFile(
                source: .permissionsDescriptions, resourceAppId: WellKnownApp.microsoftGraph,
                parts: [
                    CatalogPart(name: .delegated, fileName: file, fileSha256: sha, permissions: delegated),
                    CatalogPart(name: .application, fileName: file, fileSha256: sha, permissions: application),
                ],
                formatName: "permissions descriptions")
        case .microsoftApps(let wrapped):
            let listings = wrapped
                ? try input.decodeAnyCase(GraphCollection<MicrosoftAppListing>.self).value
                : try input.decodeAnyCase([MicrosoftAppListing].self)
            let apps = try MicrosoftAppsMapping.entries(listings, file: file, at: wrapped ? "$.value" : "$")
            return DecodedCatalogFile(
                source: .microsoftApps, resourceAppId: nil,
                parts: [CatalogPart(name: .applications, fileName: file, fileSha256: sha, applications: apps)],
                formatName: "Microsoft first-party applications")
        case .unknown(let what):
            throw ImportError(file: file, problem: "unrecognised format: \(what); expected a permission catalog "
                + "(Kibali permissions.json or provisioningInfo.json, a service principal or its scopes or roles, "
                + "permissions-descriptions.json, or the first-party application list), a tenant export "
                + "(servicePrincipals, oauth2PermissionGrants, appRoleAssignments, organization) or a risk list "
                + "(EntraOps classification, MSIdentityTools CSV, azure-tiering, a policy file)")
        case .entraOps, .azureTiering, .riskPolicy:
            // The importer reads risk lists with RiskFileDecoder; a catalog read of one means it was misrouted.
            throw ImportError(file: file, problem: "a risk list where a catalog file was expected")
        case .tenant(let collection, _):
            // The importer streams tenant files; one read whole is a document whose keys name a tenant collection
            // without a "value" list to stream (a "Value" list, say).
            throw ImportError(file: file, problem: "a tenant \(collection.rawValue) export where a catalog file was expected")
        }
    }

    /// A whole service principal: its scopes and roles, for the API it is (Graph when it does not say).
    private static func servicePrincipal(_ input: JSONInput) throws -> DecodedCatalogFile {
        let principal = try input.decodeAnyCase(GraphServicePrincipal.self)
        let sha = input.sha256
        var parts: [CatalogPart] = []
        let scopesKey = principal.oauth2PermissionScopes != nil ? "oauth2PermissionScopes" : "publishedPermissionScopes"
        if let scopes = principal.oauth2PermissionScopes ?? principal.publishedPermissionScopes {
            let entries = try ServicePrincipalMapping.entries(scopes, file: input.name, at: "$.\(scopesKey)")
            parts.append(CatalogPart(name: .delegated, fileName: input.name, fileSha256: sha, permissions: entries))
        }
        if let roles = principal.appRoles {
            let entries = try ServicePrincipalMapping.entries(roles, file: input.name, at: "$.appRoles")
            parts.append(CatalogPart(name: .application, fileName: input.name, fileSha256: sha, permissions: entries))
        }
        let appId = principal.appId.flatMap { $0.isEmpty ? nil : $0 } ?? WellKnownApp.microsoftGraph
        return DecodedCatalogFile(source: .servicePrincipal, resourceAppId: appId, parts: parts, formatName: "service principal")
    }
}
