import PermAuditStore
import PermAuditSync

/// The default catalog (Seeds/), seeded once per test run (seconds in a debug build) and copied for each
/// caller, so that suites neither seed again nor share a database one of them could change. A failure to
/// seed fails each test that asks for a copy instead of crashing the run.
public enum SeededDatabase {
    private static let template = Result<AppDatabase, any Error> {
        let database = try AppDatabase.inMemory()
        try CatalogSeeder.seed(database)
        return database
    }

    public static func copy() throws -> AppDatabase {
        try template.get().inMemoryCopy()
    }
}
