import PermAuditStore

/// Writes an ad-hoc query's rows as they arrive, in any listing format, so memory stays flat however many
/// rows: text is handed to `emit` in chunks of about 64 KB. JSON, CSV, TSV and Markdown stream row by row,
/// through the same `TabularLines` as every listing. A table must size its columns first: it holds the first
/// `tableSizingRows` rows, fits the columns to the width from them, and then streams, cutting a later,
/// longer value to its column. A result that fits in those rows prints exactly as `Tabular` prints it.
public final class QueryOutput {
    public static let tableSizingRows = 1000
    private static let chunkBytes = 64 * 1024

    private let lines: TabularLines
    private var style: OutputStyle { lines.style }
    private let emit: (String) -> Void
    private var buffer = ""
    private var columns: [String] = []
    private var rowCount = 0
    /// A table's first rows, until its widths are known.
    private var heldRows: [[Tabular.Cell]] = []
    private var widths: [Int]?
    private var flagged = false

    public init(style: OutputStyle, emit: @escaping (String) -> Void) {
        self.lines = TabularLines(style)
        self.emit = emit
    }

    public func begin(columns: [String]) {
        self.columns = columns
        switch style.format {
        case .csv, .tsv, .markdown: write(lines.header(columns))
        case .table, .json: break
        }
    }

    public func add(_ values: [SQLValue]) {
        let cells = values.map(Tabular.Cell.init)
        defer { rowCount += 1 }
        switch style.format {
        case .table: addToTable(cells)
        case .csv, .tsv, .markdown: write(lines.row(cells))
        case .json: addJSON(cells)
        }
    }

    /// Writes what is held and the format's closing text.
    public func finish() {
        switch style.format {
        case .table:
            if widths == nil {
                buffer += Tabular(columns: columns, rows: heldRows).render(style)
            } else if flagged {
                buffer += TabularLines.flagFooter
            }
        case .json: buffer += rowCount == 0 ? "[]\n" : "\n]\n"
        case .csv, .tsv, .markdown: break
        }
        flush()
    }

    private func addToTable(_ cells: [Tabular.Cell]) {
        guard let widths else {
            heldRows.append(cells)
            if heldRows.count == Self.tableSizingRows { startStreamingTable() }
            return
        }
        let shown = TabularLines.tableCells(cells)
        flagged = flagged || shown.flagged
        write(TabularLines.tableLine(shown.cells, widths))
    }

    private func startStreamingTable() {
        let layout = lines.tableLayout(columns: columns, rows: heldRows)
        widths = layout.widths
        flagged = layout.flagged
        heldRows = []
        write(layout.head)
        for row in layout.rows { write(row) }
    }

    private func addJSON(_ cells: [Tabular.Cell]) {
        var out = rowCount == 0 ? "[\n  {" : ",\n  {"
        for (index, (column, cell)) in zip(columns, cells).enumerated() {
            if index > 0 { out += ", " }
            JSONText.append(column, to: &out)
            out += ": "
            cell.appendJSON(to: &out)
        }
        write(out + "}")
    }

    private func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= Self.chunkBytes { flush() }
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        emit(buffer)
        buffer = ""
    }
}
