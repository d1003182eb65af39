import Foundation

/// Turns the paths a user gives into the files to read: directories are walked recursively.
enum InputFiles {
    struct Listing {
        var files: [String]
        var skipped: [String]
    }

    static func expand(_ paths: [String]) throws -> Listing {
        var listing = Listing(files: [], skipped: [])
        for path in paths {
            switch FileType(path: path) {
            case .missing: throw ImportError(file: path, problem: "no such file or directory")
            case .directory: try walk(path, into: &listing)
            case .regular: listing.files.append(path)
            case .special(let what): throw ImportError(file: path, problem: "not a regular file (\(what)); give a file or a directory")
            }
        }
        return listing
    }

    static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, problem: "cannot be read (check its permissions)")
        }
        return data
    }

    /// JSON files, .yaml and .yml files (policies), .csv files that are risk lists or Graph activity, and .xml, .csdl and .edmx files that are
    /// CSDL metadata are imported; anything else in a directory is listed as skipped, never ignored silently
    /// (an export folder may hold other CSV or XML files), a named pipe or device too: opening one would block.
    private static func walk(_ directory: String, into listing: inout Listing) throws {
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: directory) else {
            throw ImportError(file: directory, problem: "cannot list the directory (check its permissions)")
        }
        for name in names.sorted() {
            let path = (directory as NSString).appendingPathComponent(name)
            let type = FileType(path: path)
            if type == .directory || (name as NSString).lastPathComponent.hasPrefix(".") { continue }
            if case .special(let what) = type {
                listing.skipped.append("\(path): not a regular file (\(what))")
            } else if path.lowercased().hasSuffix(".json") || PolicyYAML.isYAMLFile(path) {
                // A .yaml or .yml file is read as a policy: one that does not parse fails the import (or, with
                // --skip-invalid, is named as skipped) rather than leave the gate without it.
                listing.files.append(path)
            } else if path.lowercased().hasSuffix(".csv") {
                if RiskFileDecoder.isKnownText(atPath: path) {
                    listing.files.append(path)
                } else {
                    listing.skipped.append("\(path): neither a risk list (MSIdentityTools' CSV table) nor Graph activity (RequestUri, RequestMethod columns)")
                }
            } else if [".xml", ".csdl", ".edmx"].contains(where: path.lowercased().hasSuffix) {
                if MetadataFile.looksLikeMetadata(atPath: path) {
                    listing.files.append(path)
                } else {
                    listing.skipped.append("\(path): not a CSDL $metadata document (no <edmx:Edmx> element at its start)")
                }
            } else {
                listing.skipped.append("\(path): not a .json, .csv, .yaml or CSDL .xml file")
            }
        }
    }
}
