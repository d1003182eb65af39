import PermAuditStore

/// Writes an ad-hoc query's rows as they arrive, in any listing format, so memory stays flat however many
/// rows: text is handed to `emit` in chunks of about 64 KB. JSON, CSV, TSV and Markdown stream row by row.
/// A table must size its columns first: it holds the first `tableSizingRows` rows, sizes the columns from
/// them, and then streams; a later, longer value widens its own line only. A result that fits in those rows
/// prints exactly as `Tabular` prints it.
public final class QueryOutput {
    public static let tableSizingRows = 1000
    private static let chunkBytes = 64 * 1024

    private let format: ListingFormat
    private let emit: (String) -> Void
    private var buffer = ""
    private var columns: [String] = []
    private var rowCount = 0
    /// A table's first rows, until its widths are known.
    private var heldRows: [[Tabular.Cell]] = []
    private var widths: [Int]?

    public init(format: ListingFormat, emit: @escaping (String) -> Void) {
        self.format = format
        self.emit = emit
    }

    public func begin(columns: [String]) {
        self.columns = columns
        switch format {
        case .table: break
        case .csv: write(line(columns, separator: ",", quote: Tabular.csvField) + "\r\n")
        case .tsv: write(line(columns, separator: "\t", quote: Tabular.tsvField) + "\r\n")
        case .markdown: write(Self.markdownLine(columns) + "\n" + Self.markdownLine(columns.map { _ in "---" }) + "\n")
        case .json: break
        }
    }

    public func add(_ values: [SQLValue]) {
        let cells = values.map(Tabular.Cell.init)
        defer { rowCount += 1 }
        switch format {
        case .table: addToTable(cells)
        case .csv: write(line(cells.map(\.plain), separator: ",", quote: Tabular.csvField) + "\r\n")
        case .tsv: write(line(cells.map(\.plain), separator: "\t", quote: Tabular.tsvField) + "\r\n")
        case .markdown: write(Self.markdownLine(cells.map { Tabular.oneLine($0.plain) }) + "\n")
        case .json: addJSON(cells)
        }
    }

    /// Writes what is held and the format's closing text.
    public func finish() {
        switch format {
        case .table:
            if widths == nil { buffer += Tabular(columns: columns, rows: heldRows).render(.table) }
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
        write(Self.tableLine(cells.map { Tabular.oneLine($0.plain) }, widths) + "\n")
    }

    private func startStreamingTable() {
        let lines = heldRows.map { $0.map { Tabular.oneLine($0.plain) } }
        let widths = columns.indices.map { index in ([columns[index]] + lines.map { $0[index] }).map(\.count).max() ?? 0 }
        self.widths = widths
        heldRows = []
        write(Self.tableLine(columns, widths) + "\n" + Self.tableLine(widths.map { String(repeating: "-", count: $0) }, widths) + "\n")
        for line in lines { write(Self.tableLine(line, widths) + "\n") }
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

    private func line(_ values: [String], separator: String, quote: (String) -> String) -> String {
        values.map(quote).joined(separator: separator)
    }

    /// As `Tabular`'s table: each value padded to its column's width (never cut), two spaces between.
    private static func tableLine(_ values: [String], _ widths: [Int]) -> String {
        zip(values, widths).map { value, width in
            value.count >= width ? value : value + String(repeating: " ", count: width - value.count)
        }.joined(separator: "  ").trimmingTrailingSpaces()
    }

    private static func markdownLine(_ values: [String]) -> String {
        "| " + values.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
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
