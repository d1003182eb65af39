import GRDB
import PermAuditEmbedded

extension AppDatabase {
    /// The migrations in Migrations/*.sql, compiled into the binary, applied in file-name order.
    /// They speak SQL only, so a migration never depends on the application's types.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for file in EmbeddedFiles.migrations {
            let sql = file.text
            migrator.registerMigration(file.name) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }()
}
