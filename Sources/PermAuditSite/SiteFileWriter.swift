import Foundation

/// Writes the site's files under its folder and counts them; remembers each path for the manifest.
struct SiteFileWriter {
    let folder: URL
    private(set) var files = 0
    private(set) var bytes = 0
    /// The written files, relative to the folder.
    private(set) var paths: [String] = []

    init(folder: URL) {
        self.folder = folder
    }

    mutating func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Array(text.utf8))
    }

    mutating func write(_ path: String, bytes content: [UInt8]) throws {
        let url = folder.appendingPathComponent(path)
        do {
            try Data(content).write(to: url)
        } catch {
            throw SiteError("cannot write \(url.path): \(error.localizedDescription)")
        }
        files += 1
        bytes += content.count
        paths.append(path)
    }

    /// Takes over the counts and paths of a writer of the same folder (one of each worker's).
    mutating func absorb(_ other: SiteFileWriter) {
        files += other.files
        bytes += other.bytes
        paths += other.paths
    }
}
