import ArgumentParser
import Foundation
import PermAuditReport
import PermAuditSync

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one read-only SQL statement; a statement that would write is refused.",
        discussion: """
            Parameters are bound, never spliced: -p level 4 binds :level (or @level, $level) as text. \
            See `permaudit schema` for the tables and views. Rows are written as they come, so memory stays \
            flat however many there are; a table sizes its columns from the first 1,000 rows.

            Example: permaudit query "SELECT permission, kind FROM consentFlagDisagreement WHERE kind = :kind" -p kind delegated
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("p"), .customLong("param")], parsing: .upToNextOption,
            help: ArgumentHelp("A named parameter and its value.", valueName: "name value"))
    var parameters: [String] = []

    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Stop the command (query and output) still running after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Argument(help: ArgumentHelp("The SQL statement.", valueName: "sql"))
    var sql: String

    func validate() throws {
        guard parameters.count.isMultiple(of: 2) else {
            throw ValidationError("-p takes a name and a value: -p NAME VALUE")
        }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout \(timeout): expected a number of seconds above 0") }
    }

    func run() throws {
        // --timeout covers the whole command: opening, the query, and writing its rows.
        let started = Date()
        var bound: [String: String] = [:]
        for index in stride(from: 0, to: parameters.count, by: 2) {
            let name = parameters[index].drop { ":@$".contains($0) }
            bound[String(name)] = parameters[index + 1]
        }
        let database = try global.openForReading(fallback: .none)
        let printer = QueryOutput(style: output.style, emit: Console.data)
        try database.query(sql, parameters: bound, timeout: timeout, spent: Date().timeIntervalSince(started), columns: printer.begin) { row in
            printer.add(row)
            return true
        }
        printer.finish()
    }
}
