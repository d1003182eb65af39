import Foundation
import PermAuditStore

/// Fills a new database with the default catalog compiled into the binary (Seeds/).
public enum CatalogSeeder {
    @discardableResult
    public static func seed(_ database: AppDatabase) throws -> ImportReport {
        let inputs = EmbeddedFiles.seeds.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
        return try Importer(database: database).importInputs(inputs)
    }

    /// The synthetic Contoso tenant's exports compiled into the binary (2026-11-01, and 2026-11-08 with
    /// known changes), as named inputs for `Importer`, one list per export.
    public static var sampleTenantWeeks: [[(name: String, bytes: Data)]] {
        let inputs = EmbeddedFiles.sampleTenant.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
        return ["2026-11-01", "2026-11-08"].map { week in inputs.filter { $0.name.hasSuffix("\(week).json") } }
    }
}
