import ArgumentParser
import PermAuditSync

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a database, with the default catalog unless --no-seed.",
        discussion: "Example: permaudit init --no-seed --db audit.sqlite")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Create an empty database, without the default catalog.")
    var noSeed = false

    func run() throws {
        let opened = try DatabaseOpener.open(path: global.databasePath, seedIfNew: !noSeed)
        guard opened.created else {
            throw UsageError("\(global.databasePath): a database is already there; nothing was changed")
        }
        let what = opened.seedReport.map { "with the default catalog (\($0.files.count) files)" } ?? "empty (--no-seed)"
        Console.note("created \(global.databasePath), \(what)", quiet: global.quiet)
    }
}
