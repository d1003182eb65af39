import Foundation
import PermAuditStore

/// Decodes tenant export files: Graph pages, bare lists and NDJSON, in camelCase or PascalCase.
enum TenantFileDecoder {
    static func decode(_ input: JSONInput, collection: TenantCollection, wrapped: Bool) throws -> TenantFile {
        var file = TenantFile(name: input.name, formatName: "tenant \(collection.rawValue)")
        let base = wrapped ? "$.value" : "$"
        switch collection {
        case .servicePrincipals:
            let objects = try list(GraphTenantServicePrincipal.self, input, wrapped)
            for (index, object) in objects.enumerated() { try add(object, at: "\(base)[\(index)]", to: &file) }
        case .oauth2PermissionGrants:
            let objects = try list(GraphOAuth2PermissionGrant.self, input, wrapped)
            for (index, object) in objects.enumerated() { try add(object, at: "\(base)[\(index)]", to: &file) }
        case .appRoleAssignments:
            let objects = try list(GraphAppRoleAssignment.self, input, wrapped)
            for (index, object) in objects.enumerated() { try add(object, at: "\(base)[\(index)]", to: &file) }
        case .organization:
            let objects = try list(GraphOrganization.self, input, wrapped)
            for (index, object) in objects.enumerated() { try add(object, at: "\(base)[\(index)]", to: &file) }
        }
        return file
    }

    /// NDJSON: the collection is named by the file name, else by the first object's shape.
    static func decode(_ lines: NDJSONLines) throws -> TenantFile {
        let first = try JSONInput(name: lines.name, bytes: lines.lines[0].data)
        guard case .object(let keys, _, _) = try first.decode(FormatProbe.self),
              let collection = TenantCollection.fromFileName(lines.name) ?? TenantCollection.fromShape(keys) else {
            throw ImportError(file: lines.name, location: "line \(lines.lines[0].number)",
                              problem: "one JSON object per line, but not a servicePrincipal, oauth2PermissionGrant, appRoleAssignment or organization")
        }
        var file = TenantFile(name: lines.name, formatName: "tenant \(collection.rawValue) (NDJSON)")
        for (number, data) in lines.lines {
            let line = try JSONInput(name: "\(lines.name): line \(number)", bytes: data)
            let at = "line \(number)"
            switch collection {
            case .servicePrincipals: try add(line.decodeAnyCase(GraphTenantServicePrincipal.self), at: at, to: &file)
            case .oauth2PermissionGrants: try add(line.decodeAnyCase(GraphOAuth2PermissionGrant.self), at: at, to: &file)
            case .appRoleAssignments: try add(line.decodeAnyCase(GraphAppRoleAssignment.self), at: at, to: &file)
            case .organization: try add(line.decodeAnyCase(GraphOrganization.self), at: at, to: &file)
            }
        }
        return file
    }

    private static func list<T: Decodable>(_ type: T.Type, _ input: JSONInput, _ wrapped: Bool) throws -> [T] {
        wrapped ? try input.decodeAnyCase(GraphCollection<T>.self).value : try input.decodeAnyCase([T].self)
    }

    private static func required(_ value: String?, _ name: String, file: String, at: String) throws -> String {
        guard let value, !value.isEmpty else {
            throw ImportError(file: file, location: at, problem: "missing required property \"\(name)\"")
        }
        return value
    }

    private static func add(_ object: GraphTenantServicePrincipal, at: String, to file: inout TenantFile) throws {
        var principal = TenantServicePrincipal(id: try required(object.id, "id", file: file.name, at: at))
        principal.appId = object.appId
        principal.displayName = object.displayName
        principal.appOwnerOrganizationId = object.appOwnerOrganizationId
        principal.servicePrincipalType = object.servicePrincipalType
        principal.publisherName = object.publisherName
        principal.verifiedPublisherId = object.verifiedPublisher?.verifiedPublisherId
        principal.verifiedPublisherName = object.verifiedPublisher?.displayName
        principal.accountEnabled = object.accountEnabled
        for (index, scope) in (object.oauth2PermissionScopes ?? object.publishedPermissionScopes ?? []).enumerated() {
            let scopeAt = "\(at).oauth2PermissionScopes[\(index)]"
            principal.scopes.append(.init(
                id: try required(scope.id, "id", file: file.name, at: scopeAt),
                value: try required(scope.value, "value", file: file.name, at: scopeAt),
                type: scope.type, isEnabled: scope.isEnabled, adminConsentDisplayName: scope.adminConsentDisplayName))
        }
        for (index, role) in (object.appRoles ?? []).enumerated() {
            principal.appRoles.append(.init(
                id: try required(role.id, "id", file: file.name, at: "\(at).appRoles[\(index)]"), value: role.value,
                allowedMemberTypes: role.allowedMemberTypes?.joined(separator: ","), isEnabled: role.isEnabled,
                displayName: role.displayName))
        }
        file.servicePrincipals.append(.init(object: principal, location: at))
        for (key, inlined) in [("appRoleAssignments", object.appRoleAssignments), ("appRoleAssignedTo", object.appRoleAssignedTo)] {
            for (index, assignment) in (inlined ?? []).enumerated() {
                try add(assignment, at: "\(at).\(key)[\(index)]", to: &file)
            }
        }
    }

    private static func add(_ object: GraphOAuth2PermissionGrant, at: String, to file: inout TenantFile) throws {
        let consentType = try required(object.consentType, "consentType", file: file.name, at: at)
        guard consentType == "AllPrincipals" || consentType == "Principal" else {
            throw ImportError(file: file.name, location: "\(at).consentType",
                              problem: "expected \"AllPrincipals\" or \"Principal\", found \"\(consentType)\"")
        }
        let principalId = object.principalId.flatMap { $0.isEmpty ? nil : $0 }
        if consentType == "Principal" && principalId == nil {
            throw ImportError(file: file.name, location: at, problem: "a Principal grant without a \"principalId\"")
        }
        file.grants.append(.init(object: TenantGrant(
            id: try required(object.id, "id", file: file.name, at: at),
            clientId: try required(object.clientId, "clientId", file: file.name, at: at),
            consentType: consentType, principalId: consentType == "Principal" ? principalId : nil,
            resourceId: try required(object.resourceId, "resourceId", file: file.name, at: at),
            scope: object.scope ?? ""), location: at))
    }

    private static func add(_ object: GraphAppRoleAssignment, at: String, to file: inout TenantFile) throws {
        file.assignments.append(.init(object: TenantAssignment(
            id: try required(object.id, "id", file: file.name, at: at),
            appRoleId: try required(object.appRoleId, "appRoleId", file: file.name, at: at),
            principalId: try required(object.principalId, "principalId", file: file.name, at: at),
            principalType: try required(object.principalType, "principalType", file: file.name, at: at),
            principalDisplayName: object.principalDisplayName,
            resourceId: try required(object.resourceId, "resourceId", file: file.name, at: at),
            resourceDisplayName: object.resourceDisplayName, createdDateTime: object.createdDateTime), location: at))
    }

    private static func add(_ object: GraphOrganization, at: String, to file: inout TenantFile) throws {
        file.organizationIds.append(try required(object.id, "id", file: file.name, at: at))
    }
}
