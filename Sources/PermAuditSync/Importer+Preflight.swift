import Foundation

extension Importer {
    /// Checks, before any database is opened or created, what can be told without reading the inputs whole:
    /// every path exists and is a regular file or a directory, and (unless `skipInvalid`, which leaves such
    /// files out later) every file named on the command line starts a supported format (a file found in a
    /// directory may be one to skip: the import tells). A mistyped path or a binary file is then one line and
    /// exit 2, with no database made or seeded for it.
    public static func preflight(_ paths: [String], skipInvalid: Bool) throws {
        let listing = try InputFiles.expand(paths)
        guard !skipInvalid else { return }
        for path in listing.files where paths.contains(path) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImportError(file: path, problem: "cannot be read (check its permissions)")
            }
            defer { try? handle.close() }
            _ = try InputSniff.kind(reading: handle, name: path)
        }
    }
}
