import Foundation
import Logging
import PermAuditStore

/// Imports catalog files and tenant exports: every file is read and checked before anything is
/// written, then all of it is recorded in one transaction, so a bad file leaves the database as it was.
public struct Importer: Sendable {
    let database: AppDatabase
    let logger: Logger

    /// Progress (one line per file read) goes to `logger`; by default nowhere.
    public init(database: AppDatabase, logger: Logger = Logger(label: "permaudit") { _ in SwiftLogNoOpLogHandler() }) {
        self.database = database
        self.logger = logger
    }

    /// Imports files and directories (read recursively). The as-of date is `asOf` if given, else a
    /// YYYY-MM-DD date in the file name, else today. A tenant export's tenant is `tenantId`, else the
    /// organization object in the export. `extra` contents (the embedded sample tenant) join the import.
    public func importPaths(_ paths: [String], including extra: [(name: String, bytes: Data)] = [],
                            asOf: String? = nil, tenantId: String? = nil) throws -> ImportReport {
        let listing = try InputFiles.expand(paths)
        let inputs = try listing.files.map { path in
            (name: path, bytes: try InputFiles.read(path))
        } + extra
        var report = try importInputs(inputs, asOf: asOf, tenantId: tenantId)
        report.skipped = listing.skipped
        return report
    }

    /// Imports named contents already in memory (the embedded seeds, tests).
    public func importInputs(_ inputs: [(name: String, bytes: Data)], asOf: String? = nil, tenantId: String? = nil) throws -> ImportReport {
        var batches: [CatalogBatch] = []
        var tenant = TenantExportBuilder()
        var tenantDates: [(date: String, origin: String)] = []
        var files: [ImportReport.FileRead] = []
        for input in inputs {
            let (date, origin) = Self.asOf(explicit: asOf, fileName: input.name)
            switch try FileDecoder.decode(try JSONInput(name: input.name, bytes: input.bytes)) {
            case .catalog(let decoded):
                files.append(read(input.name, decoded.formatName, decoded.parts.reduce(0) { $0 + $1.entryCount }, date, origin))
                Self.add(decoded, asOf: date, to: &batches)
            case .tenant(let decoded):
                files.append(read(input.name, decoded.formatName, decoded.objectCount, date, origin))
                try tenant.add(decoded)
                tenantDates.append((date, origin))
            }
        }
        // A tenant export is one snapshot: dated by --as-of, else the first dated file name, else today.
        let tenantAsOf = (tenantDates.first { $0.origin != "today" } ?? tenantDates.first)?.date
        let export = try tenantAsOf.map { try tenant.export(tenantId: Self.tenantId(tenantId, tenant), asOf: $0) }
        let outcomes = try database.importExports(catalog: batches, tenant: export)
        return ImportReport(files: files, outcomes: outcomes.catalog, tenant: outcomes.tenant, skipped: [])
    }

    private func read(_ name: String, _ format: String, _ count: Int, _ asOf: String, _ origin: String) -> ImportReport.FileRead {
        let file = ImportReport.FileRead(name: name, format: format, asOf: asOf, asOfOrigin: origin, entryCount: count)
        logger.info("read \(name): \(format), \(count) entries, as of \(asOf) (from \(origin))")
        return file
    }

    private static func add(_ decoded: DecodedCatalogFile, asOf date: String, to batches: inout [CatalogBatch]) {
        if let index = batches.firstIndex(where: {
            $0.source == decoded.source && $0.resourceAppId == decoded.resourceAppId && $0.asOf == date
        }) {
            batches[index].parts += decoded.parts
        } else {
            batches.append(CatalogBatch(source: decoded.source, resourceAppId: decoded.resourceAppId, asOf: date, parts: decoded.parts))
        }
    }

    private static func tenantId(_ given: String?, _ tenant: TenantExportBuilder) throws -> String {
        if let given { return given }
        switch tenant.organizationIds.count {
        case 1: return tenant.organizationIds[0]
        case 0: throw ImportError(file: "tenant export", problem: "no tenant id: give --tenant ID, or include the organization object (GET /organization)")
        default: throw ImportError(file: "tenant export", problem: "several organization objects (\(tenant.organizationIds.joined(separator: ", "))): give --tenant ID")
        }
    }

    private static func asOf(explicit: String?, fileName: String) -> (String, String) {
        if let explicit { return (explicit, "--as-of") }
        if let named = AsOfDate.inFileName(fileName) { return (named, "file name") }
        return (AsOfDate.today(), "today")
    }
}
