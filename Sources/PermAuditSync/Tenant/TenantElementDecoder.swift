import Foundation
import PermAuditStore

/// One object of a tenant export, mapped to what the store records.
enum TenantObject: Equatable {
    case servicePrincipal(TenantServicePrincipal)
    case grant(TenantGrant)
    case assignment(TenantAssignment)
    case organization(id: String)

    var id: String {
        switch self {
        case .servicePrincipal(let principal): principal.id
        case .grant(let grant): grant.id
        case .assignment(let assignment): assignment.id
        case .organization(let id): id
        }
    }

    /// What the sink writes, hashed, with the export element it alone came from; nil for the organization,
    /// which only names the tenant.
    func record(element: ElementDigest? = nil) -> TenantRecord? {
        switch self {
        case .servicePrincipal(let principal): TenantRecord(.servicePrincipal(principal), element: element)
        case .grant(let grant): TenantRecord(.grant(grant), element: element)
        case .assignment(let assignment): TenantRecord(.assignment(assignment), element: element)
        case .organization: nil
        }
    }
}

/// Decodes one element of a tenant export (camelCase or PascalCase) into the objects it holds: a service
/// principal brings any app role assignments inlined on it.
enum TenantElementDecoder {
    static func objects(_ element: JSONElementReader.Element, collection: TenantCollection, file: String) throws -> [TenantObject] {
        // Nearly every grant and assignment takes the fast path; what it declines, the decoder reads. The
        // element's location is made only for an error (a million grants need none).
        switch collection {
        case .oauth2PermissionGrants:
            if let object = GraphOAuth2PermissionGrant(flat: element.bytes) { return [.grant(try grant(object, file: file, at: element.location))] }
        case .appRoleAssignments:
            if let object = GraphAppRoleAssignment(flat: element.bytes) { return [.assignment(try assignment(object, file: file, at: element.location))] }
        case .servicePrincipals:
            if let object = GraphTenantServicePrincipal(flat: element.bytes) { return try servicePrincipal(object, file: file, at: element.location) }
        case .organization:
            break
        }
        let at = element.location
        let input = try JSONInput(name: file, bytes: element.bytes)
        do {
            switch collection {
            case .servicePrincipals: return try servicePrincipal(input.decodeAnyCase(GraphTenantServicePrincipal.self), file: file, at: at)
            case .oauth2PermissionGrants: return [.grant(try grant(input.decodeAnyCase(GraphOAuth2PermissionGrant.self), file: file, at: at))]
            case .appRoleAssignments: return [.assignment(try assignment(input.decodeAnyCase(GraphAppRoleAssignment.self), file: file, at: at))]
            case .organization: return [.organization(id: try required(input.decodeAnyCase(GraphOrganization.self).id, "id", file: file, at: at))]
            }
        } catch var error as ImportError where error.file == file && !error.location.hasPrefix(at) {
            // Paths inside the element are relative to it: `$.scope` becomes `$.value[3].scope`.
            error.location = error.location.hasPrefix("$") ? at + error.location.dropFirst() : [at, error.location].filter { !$0.isEmpty }.joined(separator: ", ")
            throw error
        }
    }

    private static func required(_ value: String?, _ name: String, file: String, at: @autoclosure () -> String) throws -> String {
        guard let value, !value.isEmpty else {
            throw ImportError(file: file, location: at(), problem: "missing required property \"\(name)\"")
        }
        return value
    }

    private static func servicePrincipal(_ object: GraphTenantServicePrincipal, file: String, at: @autoclosure () -> String) throws -> [TenantObject] {
        var principal = TenantServicePrincipal(id: try required(object.id, "id", file: file, at: at()))
        principal.appId = object.appId
        principal.displayName = object.displayName
        principal.appOwnerOrganizationId = object.appOwnerOrganizationId
        principal.servicePrincipalType = object.servicePrincipalType
        principal.publisherName = object.publisherName
        principal.verifiedPublisherId = object.verifiedPublisher?.verifiedPublisherId
        principal.verifiedPublisherName = object.verifiedPublisher?.displayName
        principal.accountEnabled = object.accountEnabled
        let scopesKey = object.oauth2PermissionScopes != nil ? "oauth2PermissionScopes" : "publishedPermissionScopes"
        for (index, scope) in (object.oauth2PermissionScopes ?? object.publishedPermissionScopes ?? []).enumerated() {
            func scopeAt() -> String { "\(at()).\(scopesKey)[\(index)]" }
            principal.scopes.append(.init(
                id: try required(scope.id, "id", file: file, at: scopeAt()), value: try required(scope.value, "value", file: file, at: scopeAt()),
                type: scope.type, isEnabled: scope.isEnabled, adminConsentDisplayName: scope.adminConsentDisplayName))
        }
        for (index, role) in (object.appRoles ?? []).enumerated() {
            principal.appRoles.append(.init(
                id: try required(role.id, "id", file: file, at: "\(at()).appRoles[\(index)]"), value: role.value,
                allowedMemberTypes: role.allowedMemberTypes?.joined(separator: ","), isEnabled: role.isEnabled, displayName: role.displayName))
        }
        var objects: [TenantObject] = [.servicePrincipal(principal)]
        for (key, inlined) in [("appRoleAssignments", object.appRoleAssignments), ("appRoleAssignedTo", object.appRoleAssignedTo)] {
            for (index, item) in (inlined ?? []).enumerated() {
                objects.append(.assignment(try assignment(item, file: file, at: "\(at()).\(key)[\(index)]")))
            }
        }
        return objects
    }

    private static func grant(_ object: GraphOAuth2PermissionGrant, file: String, at: @autoclosure () -> String) throws -> TenantGrant {
        let consentType = try required(object.consentType, "consentType", file: file, at: at())
        guard consentType == "AllPrincipals" || consentType == "Principal" else {
            throw ImportError(file: file, location: "\(at()).consentType", problem: "expected \"AllPrincipals\" or \"Principal\", found \"\(consentType)\"")
        }
        let principalId = object.principalId.flatMap { $0.isEmpty ? nil : $0 }
        if consentType == "Principal" && principalId == nil {
            throw ImportError(file: file, location: at(), problem: "a Principal grant without a \"principalId\"")
        }
        return TenantGrant(
            id: try required(object.id, "id", file: file, at: at()), clientId: try required(object.clientId, "clientId", file: file, at: at()),
            consentType: consentType, principalId: consentType == "Principal" ? principalId : nil,
            resourceId: try required(object.resourceId, "resourceId", file: file, at: at()), scope: object.scope ?? "")
    }

    private static func assignment(_ object: GraphAppRoleAssignment, file: String, at: @autoclosure () -> String) throws -> TenantAssignment {
        TenantAssignment(
            id: try required(object.id, "id", file: file, at: at()),
            appRoleId: try required(object.appRoleId, "appRoleId", file: file, at: at()),
            principalId: try required(object.principalId, "principalId", file: file, at: at()),
            principalType: try required(object.principalType, "principalType", file: file, at: at()),
            principalDisplayName: object.principalDisplayName,
            resourceId: try required(object.resourceId, "resourceId", file: file, at: at()),
            resourceDisplayName: object.resourceDisplayName, createdDateTime: object.createdDateTime)
    }
}
