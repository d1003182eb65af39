import ArgumentParser
import PermAuditStore
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
        let opened = try global.openForWriting(seed: !noSeed)
        guard opened.created else {
            guard opened.database.wasUpgraded else {
                throw UsageError("\(global.databasePath): a database is already there; nothing was changed")
            }
            return Console.note("upgraded \(global.databasePath) to this permaudit's schema", quiet: global.quiet)
        }
        let what = opened.seeded ? "with the default catalog" : "empty (--no-seed)"
        Console.note("created \(global.databasePath), \(what)", quiet: global.quiet)
    }
}
