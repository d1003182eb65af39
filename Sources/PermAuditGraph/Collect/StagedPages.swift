import Foundation
import PermAuditStore
import PermAuditSync

/// A run's staged pages as an export: named like the files of a hand-made export, so the ordinary importer
/// reads them, and `--save-json` writes the same bytes under the same names for `permaudit import DIR`.
struct StagedPages {
    let database: AppDatabase
    let run: Int64

    /// The ids of the staged service principals whose `appRoles` is not empty.
    func resourcesWithAppRoles() throws -> [String] {
        var ids: [String] = []
        for page in try database.syncPages(run: run, collection: "servicePrincipals") {
            let object = (try? JSONSerialization.jsonObject(with: page.body)) as? [String: Any]
            for principal in object?["value"] as? [[String: Any]] ?? [] {
                if let id = principal["id"] as? String, let roles = principal["appRoles"] as? [Any], !roles.isEmpty, !ids.contains(id) {
                    ids.append(id)
                }
            }
        }
        return ids
    }

    /// The pages that hold objects (an empty page has nothing to import and no shape to detect), named.
    func inputs(asOf: String) throws -> [(name: String, bytes: Data)] {
        var inputs: [(name: String, bytes: Data)] = []
        for (index, page) in try database.syncPages(run: run).enumerated() where GraphPage(body: page.body)?.itemCount ?? 0 > 0 {
            let kind = page.collection.hasPrefix("appRoleAssignedTo/") ? "appRoleAssignments" : page.collection
            let number = String(index + 1)
            inputs.append((name: "\(kind)-\(asOf)-page\(String(repeating: "0", count: max(0, 5 - number.count)))\(number).json",
                           bytes: page.body))
        }
        return inputs
    }

    /// The snapshot, made by the same importer as `permaudit import`, in one transaction.
    func importSnapshot(tenantId: String, asOf: String) throws -> TenantImportOutcome? {
        try Importer(database: database).importInputs(try inputs(asOf: asOf), asOf: asOf, tenantId: tenantId).tenant
    }

    /// Writes the pages into `directory` (created if missing; an existing file of the same name is replaced).
    func save(to directory: URL, asOf: String) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for input in try inputs(asOf: asOf) {
                try input.bytes.write(to: directory.appendingPathComponent(input.name), options: .atomic)
            }
        } catch let error as CocoaError {
            throw SyncError(.configuration, "--save-json \(directory.path): \(error.localizedDescription)")
        }
    }
}
