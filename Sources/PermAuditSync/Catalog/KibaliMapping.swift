import PermAuditStore

/// Maps Kibali's permissions.json and provisioningInfo.json to permission entries, one per (name, scheme).
enum KibaliMapping {
    static func entries(_ document: KibaliPermissions, file: String) throws -> [PermissionEntry] {
        var entries: [PermissionEntry] = []
        var annotations = PathAnnotations()
        for (name, permission) in document.permissions.sorted(by: { $0.key < $1.key }) {
            let at = "$.permissions[\"\(name)\"]"
            guard !name.isEmpty else { throw ImportError(file: file, location: at, problem: "a permission with an empty name") }
            for (schemeName, scheme) in permission.schemes.sorted(by: { $0.key < $1.key }) {
                var entry = PermissionEntry(kind: try kind(of: schemeName, file: file, at: "\(at).schemes.\(schemeName)"), value: name)
                entry.scheme = schemeName
                entry.adminConsentDisplayName = scheme.adminDisplayName
                entry.adminConsentDescription = scheme.adminDescription
                entry.userConsentDisplayName = scheme.userDisplayName
                entry.userConsentDescription = scheme.userDescription
                entry.requiresAdminConsent = scheme.requiresAdminConsent
                entry.privilegeLevel = scheme.privilegeLevel
                entry.authorizationType = permission.authorizationType
                entry.ownerSecurityGroup = (permission.ownerInfo ?? permission.provisioningInfo)?.ownerSecurityGroup
                entry.apiPaths = try apiPaths(of: permission, scheme: schemeName, annotations: &annotations, file: file, at: at)
                entries.append(entry)
            }
        }
        return entries
    }

    static func entries(_ document: KibaliProvisioningInfo, file: String) throws -> [PermissionEntry] {
        var entries: [PermissionEntry] = []
        for (name, deployments) in document.permissionDeployments.sorted(by: { $0.key < $1.key }) {
            for (index, deployment) in deployments.enumerated() {
                let at = "$.permissionDeployments[\"\(name)\"][\(index)]"
                var entry = PermissionEntry(kind: try kind(of: deployment.scheme, file: file, at: "\(at).scheme"), value: name)
                entry.scheme = deployment.scheme
                entry.permissionId = deployment.id
                entry.environment = deployment.environment
                entry.isHidden = deployment.isHidden
                entry.isEnabled = deployment.isEnabled
                entry.provisioningResourceAppId = deployment.resourceAppId.flatMap { $0.isEmpty ? nil : $0 }
                entries.append(entry)
            }
        }
        return entries
    }

    static func kind(of scheme: String, file: String, at location: String) throws -> PermissionKind {
        switch scheme {
        case "DelegatedWork", "DelegatedPersonal": return .delegated
        case "Application": return .application
        default:
            throw ImportError(file: file, location: location,
                              problem: "unknown scheme \"\(scheme)\"; expected DelegatedWork, DelegatedPersonal or Application")
        }
    }

    /// The (method, path) pairs of every path set that lists this scheme, with their annotations.
    private static func apiPaths(of permission: KibaliPermission, scheme: String, annotations: inout PathAnnotations,
                                 file: String, at: String) throws -> [ApiPathEntry] {
        var paths: [ApiPathEntry] = []
        for (index, pathSet) in (permission.pathSets ?? []).enumerated() where pathSet.schemeKeys.contains(scheme) {
            let schemeKeys = pathSet.schemeKeys.joined(separator: ",")
            for (path, annotation) in pathSet.paths.sorted(by: { $0.key < $1.key }) {
                let parsed = try annotations.parse(annotation, file: file, at: "\(at).pathSets[\(index)].paths[\"\(path)\"]")
                for method in pathSet.methods {
                    paths.append(ApiPathEntry(
                        method: method, path: path, schemeKeys: schemeKeys,
                        leastPrivilegeSchemes: parsed.least, alsoRequires: parsed.alsoRequires))
                }
            }
        }
        return paths
    }
}

/// The annotations of one file, each text parsed once: a few hundred distinct texts on 37,000 paths.
struct PathAnnotations {
    private var parsed: [String: PathAnnotation] = [:]

    /// The location is only made into text for a text not seen before, where the error would be.
    mutating func parse(_ text: String, file: String, at location: @autoclosure () -> String) throws -> PathAnnotation {
        if let known = parsed[text] { return known }
        let annotation = try PathAnnotation(text, file: file, at: location())
        parsed[text] = annotation
        return annotation
    }
}

/// Kibali's path annotation: `least=DelegatedWork,Application;AlsoRequires=A.Read.All,B.Read.All`, or empty.
struct PathAnnotation: Equatable {
    var least: String?
    var alsoRequires: String?

    init(_ text: String, file: String, at location: String) throws {
        guard !text.isEmpty else { return }
        for clause in text.split(separator: ";") where clause.contains(where: { $0 != " " }) {
            let pair = clause.split(separator: "=", maxSplits: 1).map { String($0).trimmedSpaces }
            switch (pair.first?.lowercased(), pair.count) {
            case ("least", 2): least = pair[1]
            case ("alsorequires", 2): alsoRequires = pair[1]
            default:
                throw ImportError(file: file, location: location,
                                  problem: "unknown path annotation \"\(clause)\"; expected least=... or AlsoRequires=...")
            }
        }
    }
}

private extension String {
    /// Without leading and trailing spaces; found on the UTF-8 bytes (a space is one byte), since rebuilding
    /// the string through reversed Characters took a fifth of a catalog import.
    var trimmedSpaces: String {
        let space = UInt8(ascii: " ")
        guard let first = utf8.firstIndex(where: { $0 != space }), let last = utf8.lastIndex(where: { $0 != space }) else { return "" }
        return String(self[first...last])
    }
}
