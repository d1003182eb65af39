import ArgumentParser
import PermAuditGraph
import PermAuditReport
import PermAuditStore

/// `permaudit sync status`: each run and each collection's completeness record.
struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each sync run and each collection's completeness: pages, objects received, Graph's counts, status.",
        discussion: """
            A run shown as interrupted was stopped mid-way (killed, crashed, the machine restarted): \
            permaudit sync --resume continues it from the pages it had read.

            Example: permaudit sync status --format csv
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try global.openForReading()
        var rows: [[Tabular.Cell]] = []
        for run in try database.syncRuns() {
            for collection in try database.syncCollections(run: run.id) {
                rows.append(Self.row(run, collection))
            }
        }
        let table = Tabular(columns: ["run", "asOf", "runStatus", "collection", "pages", "received", "unique", "expected", "reads", "status", "problem"],
                            rows: rows)
        Console.data(table.render(output.style))
    }

    private static func row(_ run: SyncRunRecord, _ collection: SyncCollectionRecord) -> [Tabular.Cell] {
        let expected: Tabular.Cell = switch (collection.expectedStart, collection.expectedEnd) {
        case let (start?, end?) where start == end: .literal(String(start))
        case let (start?, end?): .text("\(start)..\(end)")
        case let (start?, nil): .literal(String(start))
        default: .null
        }
        return [.literal(String(run.id)), .text(run.asOf), .text(SyncRunProcess.status(of: run) + (run.flagged ? " (flagged)" : "")), .text(collection.name),
                .literal(String(collection.pages)), .literal(String(collection.received)),
                collection.uniqueReceived.map { .literal(String($0)) } ?? .null, expected, .literal(String(collection.reads)),
                .text(collection.status), collection.problem.map { .text($0) } ?? .null]
    }
}
