import Foundation
import PermAuditStore
import PermAuditSync

/// The default catalog's files in Seeds/, which its database image (Seeds/default-catalog.sqlite.zlib) was
/// made from: read from the folder, not compiled in.
public enum SeedFiles {
    /// In the order they are imported: the catalog, then the metadata, then the risk lists, which are
    /// checked against the catalog in the same transaction.
    public static let names = [
        "kibali-permissions-2026-08-07.json",
        "kibali-provisioningInfo-2026-08-07.json",
        "graph-serviceprincipal-scopes-2026-08-19.json",
        "graph-serviceprincipal-approles-2026-08-19.json",
        "microsoft-first-party-apps-2026-08-20.json",
        "graph-metadata-v1.0-2026-08-03.xml",
        "graph-metadata-v1.0-descriptions-2023-05-09.xml",
        "entraops-classification-approles-2026-03-08.json",
        "msidentitytools-aadconsentgrantpermissiontable-2024-01-31.csv",
    ]

    /// Imports them into `database`, named `Seeds/NAME` as the image's imports are.
    @discardableResult
    public static func importAll(into database: AppDatabase) throws -> ImportReport {
        let folder = Fixtures.packageRoot.appendingPathComponent("Seeds")
        let inputs = try names.map { (name: "Seeds/\($0)", bytes: try Data(contentsOf: folder.appendingPathComponent($0))) }
        return try Importer(database: database).importInputs(inputs)
    }
}
