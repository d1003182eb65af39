import PermAuditStore

/// Gathers the objects of a tenant export across files and pages. The same object twice is kept
/// once; two different objects with one id are an input error that names both places.
struct TenantExportBuilder {
    private var principals: [String: TenantFile.Located<TenantServicePrincipal>] = [:]
    private var grants: [String: TenantFile.Located<TenantGrant>] = [:]
    private var assignments: [String: TenantFile.Located<TenantAssignment>] = [:]
    private(set) var organizationIds: [String] = []

    mutating func add(_ file: TenantFile) throws {
        for item in file.servicePrincipals { try Self.merge(item, id: item.object.id, file: file.name, into: &principals) }
        for item in file.grants { try Self.merge(item, id: item.object.id, file: file.name, into: &grants) }
        for item in file.assignments { try Self.merge(item, id: item.object.id, file: file.name, into: &assignments) }
        organizationIds += file.organizationIds.filter { !organizationIds.contains($0) }
    }

    func export(tenantId: String, asOf: String) -> TenantExport {
        TenantExport(
            tenantId: tenantId, asOf: asOf,
            servicePrincipals: principals.values.map(\.object).sorted { $0.id < $1.id },
            grants: grants.values.map(\.object).sorted { $0.id < $1.id },
            assignments: assignments.values.map(\.object).sorted { $0.id < $1.id })
    }

    private static func merge<Object: Equatable>(
        _ item: TenantFile.Located<Object>, id: String, file: String, into objects: inout [String: TenantFile.Located<Object>]
    ) throws {
        let located = TenantFile.Located(object: item.object, location: "\(file): \(item.location)")
        guard let existing = objects[id] else {
            objects[id] = located
            return
        }
        guard existing.object == item.object else {
            throw ImportError(file: file, location: item.location,
                              problem: "object \(id) differs from the one with the same id at \(existing.location)")
        }
    }
}
