import Foundation
import PermAuditStore

/// Fills a new database with the default catalog compiled into the binary (Seeds/).
public enum CatalogSeeder {
    @discardableResult
    public static func seed(_ database: AppDatabase) throws -> ImportReport {
        let inputs = EmbeddedFiles.seeds.map { (name: "Seeds/\($0.name)", bytes: Data($0.bytes)) }
        return try Importer(database: database).importInputs(inputs)
    }
}
