import Foundation
import Logging
import PermAuditStore

/// Imports catalog files: every file is read and checked before anything is written, then all of
/// them are recorded in one transaction, so a bad file leaves the database exactly as it was.
public struct CatalogImporter: Sendable {
    let database: AppDatabase
    let logger: Logger

    /// Progress (one line per file read) goes to `logger`; by default nowhere.
    public init(database: AppDatabase, logger: Logger = Logger(label: "permaudit") { _ in SwiftLogNoOpLogHandler() }) {
        self.database = database
        self.logger = logger
    }

    /// Imports files and directories (read recursively). The as-of date is `asOf` if given, else a
    /// YYYY-MM-DD date in the file name, else today.
    public func importPaths(_ paths: [String], asOf: String? = nil) throws -> ImportReport {
        let listing = try InputFiles.expand(paths)
        let inputs = try listing.files.map { path in
            (name: path, bytes: try InputFiles.read(path))
        }
        var report = try importInputs(inputs, asOf: asOf)
        report.skipped = listing.skipped
        return report
    }

    /// Imports named contents already in memory (the embedded seeds, tests).
    public func importInputs(_ inputs: [(name: String, bytes: Data)], asOf: String? = nil) throws -> ImportReport {
        var batches: [CatalogBatch] = []
        var files: [ImportReport.FileRead] = []
        for input in inputs {
            let decoded = try CatalogFileDecoder.decode(try JSONInput(name: input.name, bytes: input.bytes))
            let (date, origin) = Self.asOf(explicit: asOf, fileName: input.name)
            let file = ImportReport.FileRead(
                name: input.name, format: decoded.formatName, asOf: date, asOfOrigin: origin,
                entryCount: decoded.parts.reduce(0) { $0 + $1.permissions.count + $1.applications.count })
            logger.info("read \(file.name): \(file.format), \(file.entryCount) entries, as of \(file.asOf) (from \(file.asOfOrigin))")
            files.append(file)
            if let index = batches.firstIndex(where: {
                $0.source == decoded.source && $0.resourceAppId == decoded.resourceAppId && $0.asOf == date
            }) {
                batches[index].parts += decoded.parts
            } else {
                batches.append(CatalogBatch(source: decoded.source, resourceAppId: decoded.resourceAppId, asOf: date, parts: decoded.parts))
            }
        }
        let outcomes = try database.importCatalog(batches)
        return ImportReport(files: files, outcomes: outcomes, skipped: [])
    }

    private static func asOf(explicit: String?, fileName: String) -> (String, String) {
        if let explicit { return (explicit, "--as-of") }
        if let named = AsOfDate.inFileName(fileName) { return (named, "file name") }
        return (AsOfDate.today(), "today")
    }
}
