import PermAuditStore

/// The default catalog (Seeds/), made once per test run from its database image, as a new database is
/// (SeedImageTests checks the image against an import of the seeds), and copied for each caller, so that
/// suites share no database one of them could change. A failure fails each test that asks for a copy
/// instead of crashing the run.
public enum SeededDatabase {
    private static let template = Result<AppDatabase, any Error> { try SeedImage.inMemory() }

    public static func copy() throws -> AppDatabase {
        try template.get().inMemoryCopy()
    }
}
