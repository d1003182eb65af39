import ArgumentParser
import PermAuditReport

/// The output options of every command that prints a listing.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format (default: table on a terminal, else json).")
    var format: ListingFormat?

    @Flag(name: .customLong("raw-cells"), help: ArgumentHelp(
        "CSV and TSV: cells exactly as stored.",
        discussion: "By default a cell starting with = + - @ or a tab gets a leading ' so that a spreadsheet does not run it as a formula, and control characters show as \\u001b."))
    var rawCells = false

    var style: OutputStyle {
        OutputStyle(.resolved(format), width: TerminalWidth.current, rawCells: rawCells)
    }
}
