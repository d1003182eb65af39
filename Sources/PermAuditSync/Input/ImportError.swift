/// An input problem: one line that names the file, where in it, and what was expected. Exit code 2.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    public var file: String
    /// A JSON path (`$.permissions["Mail.Read"].schemes`) or a line and column; empty when the whole file is meant.
    public var location: String
    public var problem: String

    public init(file: String, location: String = "", problem: String) {
        self.file = file
        self.location = location
        self.problem = problem
    }

    public var description: String {
        location.isEmpty ? "\(file): \(problem)" : "\(file): \(location): \(problem)"
    }
}
