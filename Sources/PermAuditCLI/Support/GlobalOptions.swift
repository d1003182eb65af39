import ArgumentParser
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (created 0600 if missing).", discussion: "Default: $PERMAUDIT_DB, else ./permaudit.sqlite.",
        valueName: "path"))
    var db: String?

    @Flag(name: .shortAndLong, help: "Print only errors on stderr.")
    var quiet = false

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["PERMAUDIT_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "permaudit.sqlite"
    }
}
