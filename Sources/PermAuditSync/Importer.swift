import Foundation
import Logging
import PermAuditStore

/// Imports catalog files and tenant exports in one transaction, so a bad file leaves the database as it
/// was. Catalog files are small and read whole; tenant exports are streamed object by object.
public struct Importer: Sendable {
    let database: AppDatabase
    let logger: Logger
    let progress: (@Sendable (ImportProgress) -> Void)?
    /// Activity logs' request URIs are kept (a few per app and call) only when asked: they hold user names and ids.
    let keepRequestUris: Bool

    /// Progress (one line per file read) goes to `logger`; by default nowhere. A tenant export's progress
    /// (objects and bytes read) goes to `progress`, every thousand elements and after each file.
    public init(database: AppDatabase, logger: Logger = Logger(label: "permaudit") { _ in SwiftLogNoOpLogHandler() },
                progress: (@Sendable (ImportProgress) -> Void)? = nil, keepRequestUris: Bool = false) {
        self.database = database
        self.logger = logger
        self.progress = progress
        self.keepRequestUris = keepRequestUris
    }

    /// Imports files and directories (read recursively). The as-of date is `asOf` if given, else a
    /// YYYY-MM-DD date in the file name, else today. A tenant export's tenant is `tenantId`, else the
    /// organization object in the export.
    /// With `skipInvalid`, a file that cannot be read is left out and named in the report instead of
    /// stopping the import, and so is an object of a tenant export that does not decode (alone: the rest of
    /// its file is imported); the report counts those objects.
    public func importPaths(_ paths: [String], asOf: String? = nil, tenantId: String? = nil, skipInvalid: Bool = false) throws -> ImportReport {
        let listing = try InputFiles.expand(paths)
        var report = try importSources(listing.files.map(InputSource.file), asOf: asOf, tenantId: tenantId, skipInvalid: skipInvalid)
        report.skipped = listing.skipped + report.skipped
        return report
    }

    /// Imports named contents already in memory (the embedded sample tenant, tests).
    public func importInputs(_ inputs: [(name: String, bytes: Data)], asOf: String? = nil, tenantId: String? = nil) throws -> ImportReport {
        try importSources(inputs.map { .memory($0.name, $0.bytes) }, asOf: asOf, tenantId: tenantId)
    }

    private func importSources(_ sources: [InputSource], asOf: String?, tenantId: String?, skipInvalid: Bool = false) throws -> ImportReport {
        var batches: [CatalogBatch] = []
        var documents: [MetadataDocument] = []
        var risk: [RiskListBatch] = []
        var tenantFiles: [(source: InputSource, collection: TenantCollection)] = []
        var activityFiles: [InputSource] = []
        var signIns: [(source: InputSource, apps: [SignInActivity], asOf: String)] = []
        var files: [ImportReport.FileRead] = []
        var skipped: [String] = []
        let dates = sources.map { Self.asOf(explicit: asOf, fileName: $0.name) }
        let reads = Self.readAll(sources, dates: dates.map(\.0), skipInvalid: skipInvalid)
        for (source, ((date, origin), result)) in zip(sources, zip(dates, reads)) {
            do {
                switch try result.get() {
                case .risk(let list):
                    files.append(read(source.name, RiskFileDecoder.formatName(list.source), list.entryCount, date, origin))
                    risk.append(list)
                case .catalog(let decoded):
                    files.append(read(source.name, decoded.formatName, decoded.parts.reduce(0) { $0 + $1.entryCount }, date, origin))
                    Self.add(decoded, asOf: date, to: &batches)
                case .metadata(let document):
                    files.append(read(source.name, "Graph CSDL metadata \(document.apiVersion)", document.types.count, date, origin))
                    documents.append(document)
                case .tenant(let collection):
                    tenantFiles.append((source, collection))
                case .activity:
                    activityFiles.append(source)
                case .signIns(let apps):
                    files.append(read(source.name, "service principal sign-in activity", apps.count, date, origin))
                    signIns.append((source, apps, date))
                }
            } catch let error as ImportError where skipInvalid {
                skipped.append(error.description)
            }
        }
        var report = ImportReport(files: [], outcomes: [], skipped: skipped)
        let activity = try activityBatch(activityFiles, fileRead: { files.append($0) })
        let stream = try tenantStream(tenantFiles, asOf: asOf, tenantId: tenantId, skipInvalid: skipInvalid,
                                      fileRead: { files.append($0) }, skippedObject: { report.skipObject($0) })
        do {
            let outcomes = try database.importExports(catalog: batches, tenant: stream, metadata: documents, risk: risk, activity: activity,
                                                      signIns: try Self.signInBatch(signIns))
            report.files = files
            report.outcomes = outcomes.catalog
            report.tenant = outcomes.tenant
            report.metadata = outcomes.metadata
            report.risk = outcomes.risk
            report.activity = outcomes.activity
            report.signIns = outcomes.signIns
            return report
        } catch StoreError.conflictingDuplicate(let collection, let id) {
            throw try TenantDuplicates.describe(collection: collection, id: id, in: tenantFiles)
        }
    }

    /// The tenant files as one snapshot: dated by --as-of, else the first dated file name, else today.
    private func tenantStream(_ tenantFiles: [(source: InputSource, collection: TenantCollection)], asOf: String?,
                              tenantId: String?, skipInvalid: Bool, fileRead: @escaping (ImportReport.FileRead) -> Void,
                              skippedObject: @escaping (String) -> Void) throws -> TenantStream? {
        guard !tenantFiles.isEmpty else { return nil }
        let feed = ExportFeed(TenantExportReader(files: tenantFiles, sizes: tenantFiles.map { $0.source.byteCount() }, skipInvalid: skipInvalid))
        let dates = tenantFiles.map { Self.asOf(explicit: asOf, fileName: $0.source.name) }
        let (date, _) = dates.first { $0.1 != "today" } ?? dates[0]
        // The files' hashes are worked out on a thread of their own, while the import loads the tenant's versions.
        let fileSetHash = Background { SHA256.hex(try tenantFiles.map { try $0.source.sha256() }.sorted().joined(separator: "\n")) }
        // The tenant names the versions written, so it is settled first: given, or the organization object.
        var organizations: [String] = []
        for file in tenantFiles where file.collection == .organization {
            let reader = try file.source.reader()
            while let element = try reader.next() {
                // A bad organization object left out with --skip-invalid is counted by the stream, below.
                guard let objects = try Self.objects(element, file.source.name, skipInvalid: skipInvalid) else { continue }
                for object in objects where !organizations.contains(object.id) {
                    organizations.append(object.id)
                }
            }
        }
        let tenant = try Self.tenantId(tenantId, organizations: organizations)
        return TenantStream(tenantId: tenant, asOf: date, fileSetHash: fileSetHash.value, elementsLoaded: feed.provide) { [progress] sink in
            // The reader's thread reads, hashes and decodes while SQLite writes on this one.
            defer { feed.stop() }
            while let event = try feed.receive() {
                switch event {
                case .records(let records, let reached):
                    for record in records { try sink.add(record) }
                    progress?(reached)
                case .known(let collection, let indexes, let reached):
                    for index in indexes { try sink.addKnown(collection, index: index) }
                    progress?(reached)
                case .fileRead(let index, let elements, let isNDJSON):
                    let file = tenantFiles[index]
                    fileRead(read(file.source.name, "tenant \(file.collection.rawValue)" + (isNDJSON ? " (NDJSON)" : ""),
                                  elements, date, dates[index].1))
                case .skipped(let reason):
                    skippedObject(reason)
                }
            }
        }
    }

    /// Activity-log files read, checked and aggregated before the transaction, their requests matched to the
    /// catalog as it is before this import.
    private func activityBatch(_ sources: [InputSource], fileRead: (ImportReport.FileRead) -> Void) throws -> ActivityBatch? {
        guard !sources.isEmpty else { return nil }
        var aggregator = ActivityAggregator(templates: try database.catalogCallTemplates())
        var (shapes, hashes) = ([String](), [String]())
        try ActivityFilesReader(sources: sources, tree: aggregator.tree, keepUris: keepRequestUris).read { event in
            switch event {
            case .calls(let calls):
                for call in calls { aggregator.add(call) }
            case .fileRead(let index, let shape, let records, let last, let sha256):
                if !shapes.contains(shape.rawValue) { shapes.append(shape.rawValue) }
                hashes.append(sha256)
                let (date, origin) = (last.map { String($0.prefix(10)) } ?? AsOfDate.today(), "its last record")
                fileRead(read(sources[index].name, "Graph activity log (\(shape.rawValue))", records, date, origin))
            }
        }
        return aggregator.batch(fileSetHash: SHA256.hex(hashes.sorted().joined(separator: "\n")), formats: shapes)
    }

    /// The sign-in report's files as one import, dated by the latest of their dates.
    private static func signInBatch(_ files: [(source: InputSource, apps: [SignInActivity], asOf: String)]) throws -> SignInBatch? {
        guard let asOf = files.map(\.asOf).max() else { return nil }
        let hash = SHA256.hex(try files.map { try $0.source.sha256() }.sorted().joined(separator: "\n"))
        return SignInBatch(fileSetHash: hash, asOf: asOf, apps: files.flatMap(\.apps))
    }

    /// An organization element's objects; nil when it does not decode and invalid objects are skipped.
    private static func objects(_ element: JSONElementReader.Element, _ file: String, skipInvalid: Bool) throws -> [TenantObject]? {
        do {
            return try TenantElementDecoder.objects(element, collection: .organization, file: file)
        } catch is ImportError where skipInvalid {
            return nil
        }
    }

    private func read(_ name: String, _ format: String, _ count: Int, _ asOf: String, _ origin: String) -> ImportReport.FileRead {
        logger.info("read \(name): \(format), \(Plural.count(count, "entry")), as of \(asOf) (from \(origin))")
        return ImportReport.FileRead(name: name, format: format, asOf: asOf, asOfOrigin: origin, entryCount: count)
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

    private static func tenantId(_ given: String?, organizations: [String]) throws -> String {
        if let given { return given }
        switch organizations.count {
        case 1: return organizations[0]
        case 0: throw ImportError(file: "tenant export", problem: "no tenant id: give --tenant ID, or include the organization object (GET /organization)")
        default: throw ImportError(file: "tenant export", problem: "several organization objects (\(organizations.joined(separator: ", "))): give --tenant ID")
        }
    }

    private static func asOf(explicit: String?, fileName: String) -> (String, String) {
        if let explicit { return (explicit, "--as-of") }
        if let named = AsOfDate.inFileName(fileName) { return (named, "file name") }
        return (AsOfDate.today(), "today")
    }
}
