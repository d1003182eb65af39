import Foundation

/// The objects a fake Graph serves, as Graph's JSON objects.
public struct FakeTenant: @unchecked Sendable {
    public var organization: [[String: Any]]
    public var servicePrincipals: [[String: Any]]
    public var grants: [[String: Any]]
    public var assignments: [[String: Any]]

    public init(organization: [[String: Any]], servicePrincipals: [[String: Any]], grants: [[String: Any]], assignments: [[String: Any]]) {
        self.organization = organization
        self.servicePrincipals = servicePrincipals
        self.grants = grants
        self.assignments = assignments
    }

    /// The sample tenant of Seeds/sample-tenant (dated `date`), its assignments cut to the resources that
    /// publish app roles: the ones a sync reads (a resource without roles holds only default access).
    public static func sample(_ date: String = "2026-11-08") throws -> FakeTenant {
        let folder = Fixtures.packageRoot.appendingPathComponent("Seeds/sample-tenant")
        func values(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: folder.appendingPathComponent("\(name)-\(date).json"))
            return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["value"] as? [[String: Any]] ?? []
        }
        let principals = try values("servicePrincipals")
        let resources = Set(principals.filter { !($0["appRoles"] as? [Any] ?? []).isEmpty }.compactMap { $0["id"] as? String })
        return FakeTenant(organization: try values("organization"), servicePrincipals: principals, grants: try values("oauth2PermissionGrants"),
                          assignments: try values("appRoleAssignments").filter { resources.contains($0["resourceId"] as? String ?? "") })
    }

    /// The small tenant of Tests/Fixtures/tenant-graphdocs (Graph documentation examples): pages of a few
    /// kilobytes, for tests whose deadlines must be short.
    public static func graphDocs() throws -> FakeTenant {
        let folder = Fixtures.directory.appendingPathComponent("tenant-graphdocs")
        func values(_ name: String) throws -> [[String: Any]] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if let page = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { return page["value"] as? [[String: Any]] ?? [] }
            return try data.split(separator: UInt8(ascii: "\n")).compactMap { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        }
        let principals = try values("servicePrincipals-2026-11-01.json")
        let resources = Set(principals.filter { !($0["appRoles"] as? [Any] ?? []).isEmpty }.compactMap { $0["id"] as? String })
        return FakeTenant(organization: try values("organization.json"), servicePrincipals: principals,
                          grants: try values("oauth2PermissionGrants-2026-11-01.json"),
                          assignments: try values("graph-appRoleAssignedTo-2026-11-01.ndjson.json")
                              .filter { resources.contains($0["resourceId"] as? String ?? "") })
    }

    /// Writes the tenant as an export folder (one page file per collection) for `permaudit import`.
    public func writeExport(to folder: URL, date: String) throws {
        let files: [(String, String, [[String: Any]])] = [
            ("organization", "organization", organization), ("servicePrincipals", "servicePrincipals", servicePrincipals),
            ("oauth2PermissionGrants", "oauth2PermissionGrants", grants), ("appRoleAssignments", "appRoleAssignments", assignments),
        ]
        for (name, context, objects) in files {
            let page: [String: Any] = ["@odata.context": "https://graph.microsoft.com/v1.0/$metadata#\(context)", "value": objects]
            try JSONSerialization.data(withJSONObject: page).write(to: folder.appendingPathComponent("\(name)-\(date).json"))
        }
    }
}
