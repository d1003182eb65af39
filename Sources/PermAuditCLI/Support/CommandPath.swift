import ArgumentParser
import PermAuditReport

/// The subcommands the arguments name, read before the parser: a mistyped command (`permaudit raport
/// --admin-consent`) would otherwise be reported as whatever the parser trips on next ("Unknown option").
struct CommandPath {
    /// The command names given, from the root: `["permaudit", "diff", "catalog"]`.
    var names: [String]

    /// Walks the leading arguments down the subcommand tree; stops at the first option or at a leaf.
    /// Throws a usage error naming the closest subcommand when an argument names none.
    init(_ arguments: [String], root: any ParsableCommand.Type = PermAudit.self) throws {
        var command = root
        names = [Self.name(root)]
        for argument in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !argument.hasPrefix("-"), argument != "help" else { return }
            guard let next = subcommands.first(where: { Self.name($0) == argument }) else {
                throw UsageError(Self.unknown(argument, among: subcommands.map(Self.name), in: names))
            }
            command = next
            names.append(argument)
        }
    }

    /// `unknown command "raport"; did you mean `report`?`, or the list of commands when none is close.
    private static func unknown(_ argument: String, among commands: [String], in path: [String]) -> String {
        let parent = path.dropFirst().map { $0 + " " }.joined()
        let prefix = "unknown \(parent)command \"\(argument)\""
        if let closest = closest(to: argument, among: commands) { return prefix + "; did you mean `\(closest)`?" }
        return prefix + "; the commands are " + commands.joined(separator: ", ")
    }

    /// The nearest name within two edits (a typo), else a name that starts with what was typed.
    static func closest(to argument: String, among commands: [String]) -> String? {
        let typed = Array(argument.lowercased())
        let scored = commands.map { ($0, NameSuggestions.distance(typed, Array($0))) }.filter { $0.1 <= 2 }
        if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
        return commands.first { !argument.isEmpty && $0.hasPrefix(argument.lowercased()) }
    }

    private static func name(_ command: any ParsableCommand.Type) -> String {
        command.configuration.commandName ?? ""
    }

    /// The line under a usage error: where the options are listed.
    var helpLine: String { "see \(names.joined(separator: " ")) --help" }
}
