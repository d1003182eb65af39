import Foundation
import PermAuditStore

/// Fills a new database with the default catalog compiled into the binary (Seeds/).
public enum CatalogSeeder {
    @discardableResult
    public static func seed(_ database: AppDatabase) throws -> ImportReport {
        let inputs = EmbeddedFiles.seeds.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
        return try Importer(database: database).importInputs(inputs)
    }

    /// The synthetic Contoso tenant export compiled into the binary, as named inputs for `Importer`.
    public static var sampleTenantInputs: [(name: String, bytes: Data)] {
        EmbeddedFiles.sampleTenant.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
    }
}
