/// Rows of text cells under named columns, rendered as an aligned table, CSV, TSV, Markdown or JSON.
public struct Tabular: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// The columns a table too wide for the terminal cuts first (down to 12 columns), in this order,
    /// before it cuts the widest ones alike: the ones a reader needs least in full.
    public var shrinkFirst: [String] = []

    /// A value in a table: null (empty in text formats, null in JSON), text, or a number or boolean
    /// written as is (unquoted in JSON).
    public enum Cell: Sendable, Equatable {
        case null
        case text(String)
        case literal(String)

        var plain: String {
            switch self {
            case .null: ""
            case .text(let text), .literal(let text): text
            }
        }

        var json: String {
            var out = ""
            appendJSON(to: &out)
            return out
        }

        func appendJSON(to out: inout String) {
            switch self {
            case .null: out += "null"
            case .text(let text): JSONText.append(text, to: &out)
            case .literal(let text): out += text
            }
        }

        func appendJSON(to out: inout [UInt8]) {
            switch self {
            case .null: out.append(contentsOf: "null".utf8)
            case .text(let text): JSONText.append(text, to: &out)
            case .literal(let text): out.append(contentsOf: text.utf8)
            }
        }
    }

    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    public func render(_ format: ListingFormat) -> String {
        render(OutputStyle(format))
    }

    /// Every text format shows imported text safely (see TabularLines): a table fits `style.width` and marks
    /// flagged text with `!`; Markdown escapes its syntax; CSV and TSV guard against formulas unless `rawCells`.
    public func render(_ style: OutputStyle) -> String {
        let lines = TabularLines(style)
        switch style.format {
        case .table: return alignedTable(lines)
        case .json: return json()
        case .csv, .tsv, .markdown:
            return ([lines.header(columns)] + rows.map(lines.row)).joined()
        }
    }

    /// One piece of a listing rendered a few thousand rows at a time (JSON, CSV, TSV, Markdown): `first`
    /// adds the opening (the header, JSON's `[`), `last` the closing; the pieces joined are `render`'s text,
    /// so a report of a million rows is written as it is made, not held whole.
    public func renderPiece(_ style: OutputStyle, first: Bool, last: Bool) -> String {
        precondition(style.format != .table, "an aligned table needs every row for its widths")
        guard style.format == .json else {
            let lines = TabularLines(style)
            return ((first ? [lines.header(columns)] : []) + rows.map(lines.row)).joined()
        }
        if first && last && rows.isEmpty { return "[]\n" }
        var out = first ? "[\n" : ""
        appendJSONRows(to: &out, continuing: !first)
        return last ? out + "\n]\n" : out
    }

    /// Aligned columns that fit the style's width, then the key to the `!` mark when a row has one.
    private func alignedTable(_ lines: TabularLines) -> String {
        let layout = lines.tableLayout(columns: columns, rows: rows, shrinkFirst: shrinkFirst)
        return layout.head + layout.rows.joined() + (layout.flagged ? TabularLines.flagFooter : "")
    }

    /// Written into one string: a report of 60,000 rows is 55 MB of JSON, and joining a string per cell
    /// and per row took over a second.
    private func json() -> String {
        guard !rows.isEmpty else { return "[]\n" }
        var out = "[\n"
        appendJSONRows(to: &out, continuing: false)
        return out + "\n]\n"
    }

    /// The rows as JSON objects, one per line, separated by commas (a comma first when `continuing`). Built as
    /// UTF-8 bytes a few thousand rows at a time, each batch made a string once: appending each key and cell
    /// to a String cost more than the text.
    private func appendJSONRows(to out: inout String, continuing: Bool) {
        let keys = columns.enumerated().map { Array(((($0.offset > 0) ? ", " : "") + JSONText.string($0.element) + ": ").utf8) }
        for batch in stride(from: 0, to: rows.count, by: 4096) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(min(4096, rows.count - batch) * keys.reduce(16) { $0 + $1.count + 8 })
            for index in batch..<min(batch + 4096, rows.count) {
                bytes.append(contentsOf: (index == 0 && !continuing ? "  {" : ",\n  {").utf8)
                for (key, cell) in zip(keys, rows[index]) {
                    bytes.append(contentsOf: key)
                    cell.appendJSON(to: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            }
            out += String(decoding: bytes, as: UTF8.self)
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
