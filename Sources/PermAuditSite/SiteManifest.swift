import Foundation

/// The list of files a run wrote (`.permaudit-files` in the site's folder, one relative path a line, sorted):
/// the next run into the folder removes what it wrote before and does not write again (the page of a
/// permission that left the catalog), and never touches a file it did not write.
struct SiteManifest {
    static let fileName = ".permaudit-files"

    let folder: URL

    /// The paths the last run wrote; none when the folder has no manifest.
    func previous() throws -> [String] {
        let url = folder.appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw SiteError("cannot read \(url.path): \(error.localizedDescription)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        return try lines.enumerated().map { index, line in
            guard Self.isInside(line) else {
                throw SiteError("\(url.path) line \(index + 1): expected a file path inside the folder (as permaudit site writes it); "
                    + "delete the file to start a new list")
            }
            return String(line)
        }
    }

    /// Removes the files of `previous` that this run did not write, then records `written`.
    func replace(previous: [String], written: [String]) throws {
        let kept = Set(written)
        for path in previous where !kept.contains(path) {
            let url = folder.appendingPathComponent(path)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw SiteError("cannot remove \(url.path), written by an earlier run: \(error.localizedDescription)")
            }
        }
        let list = written.sorted().map { $0 + "\n" }.joined()
        do {
            try Data(list.utf8).write(to: folder.appendingPathComponent(Self.fileName))
        } catch {
            throw SiteError("cannot write \(folder.appendingPathComponent(Self.fileName).path): \(error.localizedDescription)")
        }
    }

    /// A relative path that stays in the folder: no empty, `.` or `..` component, no leading `/`, no NUL.
    static func isInside(_ path: Substring) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0")
            && path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
