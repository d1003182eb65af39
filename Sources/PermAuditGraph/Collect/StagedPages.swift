import Foundation
import PermAuditStore
import PermAuditSync
#if canImport(Glibc)
import Glibc
#endif

/// A run's staged pages as an export: written one at a time as the files of a hand-made export (`--save-json`
/// keeps them), then read by the same importer as `permaudit import DIR`, which streams them.
struct StagedPages {
    let database: AppDatabase
    let run: Int64

    /// The ids of the staged service principals whose `appRoles` is not empty, in page order.
    func resourcesWithAppRoles() throws -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        try database.forEachSyncPage(run: run, collection: "servicePrincipals") { page in
            let object = (try? JSONSerialization.jsonObject(with: page.body)) as? [String: Any]
            for principal in object?["value"] as? [[String: Any]] ?? [] {
                if let id = principal["id"] as? String, let roles = principal["appRoles"] as? [Any], !roles.isEmpty, seen.insert(id).inserted {
                    ids.append(id)
                }
            }
        }
        return ids
    }

    /// The snapshot, made in one transaction from the pages written to `directory` (`--save-json`), else to
    /// a folder of its own that is removed afterwards.
    func importSnapshot(tenantId: String, asOf: String, saveTo directory: URL?) throws -> TenantImportOutcome? {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("permaudit-sync-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        let files = try write(to: folder, asOf: asOf)
        Self.returnFreedMemory()
        return try Importer(database: database).importPaths(files.map(\.path), asOf: asOf, tenantId: tenantId).tenant
    }

    /// The pages read are freed by now, but glibc keeps the heap the network's threads used: handed back to
    /// the system (`malloc_trim`, which Swift's Glibc module does not declare) before the import reaches its
    /// own peak, it does not add to it.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
        typealias Trim = @convention(c) (Int) -> Int32
        if let trim = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(trim, to: Trim.self)(0) }
        #endif
    }

    /// Writes the pages that hold objects (an empty page has nothing to import and no shape to tell its
    /// collection by), each under the name of its collection and the date; returns the files written.
    private func write(to folder: URL, asOf: String) throws -> [URL] {
        var files: [URL] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var index = 0
            try database.forEachSyncPage(run: run) { page in
                index += 1
                guard page.itemCount > 0 else { return }
                let kind = page.collection.hasPrefix("appRoleAssignedTo/") ? "appRoleAssignments" : page.collection
                let number = String(index)
                let file = folder.appendingPathComponent("\(kind)-\(asOf)-page\(String(repeating: "0", count: max(0, 5 - number.count)))\(number).json")
                try page.body.write(to: file, options: .atomic)
                files.append(file)
            }
        } catch let error as CocoaError {
            throw SyncError(.configuration, "\(folder.path): cannot write the pages: \(error.localizedDescription)")
        }
        return files
    }
}
