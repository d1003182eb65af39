import Foundation

/// Where the test fixtures and the package's own folders are, found from this file's location.
public enum Fixtures {
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static let directory = packageRoot.appendingPathComponent("Tests/Fixtures")

    public static func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    /// A fresh empty folder for one test, inside this test run's own folder, which is removed when the run
    /// ends (a test that fails half-way cannot leave its files behind).
    public static func temporaryDirectory() throws -> URL {
        let url = runDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `permaudit-tests-PID` in the system's temporary folder, removed at exit.
    static let runDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("permaudit-tests-\(getpid())")
        atexit { try? FileManager.default.removeItem(at: Fixtures.runDirectory) }
        return url
    }()
}
