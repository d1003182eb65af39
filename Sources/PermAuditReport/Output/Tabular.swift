/// Rows of text cells under named columns, rendered as an aligned table, CSV, TSV, Markdown or JSON.
public struct Tabular: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// The columns a table too wide for the terminal cuts first (to 10 columns at most), in this order,
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
    }

    public init(columns: [String], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }

    public func render(_ format: ListingFormat) -> String {
        render(OutputStyle(format))
    }

    /// Every text format shows imported text safely (SafeText): a table fits `style.width` and marks flagged
    /// text with `!`; Markdown escapes its syntax; CSV and TSV guard against formulas unless `rawCells`.
    public func render(_ style: OutputStyle) -> String {
        switch style.format {
        case .table: alignedTable(width: style.width)
        case .csv: delimited(separator: ",", raw: style.rawCells, quote: Self.csvField)
        case .tsv: delimited(separator: "\t", raw: style.rawCells, quote: Self.tsvField, tsv: true)
        case .markdown: SafeText.pipelineSafe(markdown())
        case .json: json()
        }
    }

    /// Aligned columns that fit `width`: the widest columns are cut (ending in "…") to one common width, the
    /// largest that fits; the narrow ones keep theirs. Text that hides or reorders characters, or mixes
    /// alphabets, is marked with `!`, explained under the table.
    private func alignedTable(width: Int) -> String {
        var flagged = false
        let cells = rows.map { row in
            row.indices.map { column -> String in
                // The first column starts the line: it must not start a CI runner's command either.
                let safe = column == 0 ? SafeText.line(row[column].plain) : SafeText.azurePipelinesSafe(SafeText.visible(row[column].plain))
                guard case .text(let text) = row[column], !TextFlag.flags(of: text).isEmpty else { return safe }
                flagged = true
                return "!" + safe
            }
        }
        let header = columns.map(SafeText.line)
        let natural = header.indices.map { index in
            cells.reduce(DisplayWidth.of(header[index])) { max($0, DisplayWidth.of($1[index])) }
        }
        let widths = Self.fit(natural, into: width - 2 * max(0, columns.count - 1),
                              shrinkFirst: shrinkFirst.compactMap { columns.firstIndex(of: $0) })
        func line(_ values: [String]) -> String {
            zip(values, widths).map { DisplayWidth.pad(DisplayWidth.clip($0, to: $1), to: $1) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        let key = flagged ? ["", "! " + Self.flagKey] : []
        return ([line(header), line(rule)] + cells.map(line) + key).joined(separator: "\n") + "\n"
    }

    static let flagKey = "text with control, bidi or invisible characters (shown as \\u...) or mixed alphabets in a word"

    /// Column widths that add up to `available` at most: columns wider than a common cap are cut to it (never
    /// below 6, or their natural width if smaller); what is left over goes to the cut columns, left first.
    static func fit(_ natural: [Int], into available: Int, shrinkFirst: [Int] = []) -> [Int] {
        guard natural.reduce(0, +) > available, let widest = natural.max() else { return natural }
        var first = natural
        var excess = natural.reduce(0, +) - available
        for index in shrinkFirst where excess > 0 {
            let cut = min(excess, max(0, first[index] - 10))
            first[index] -= cut
            excess -= cut
        }
        guard excess > 0 else { return first }
        let floor = 6
        func widths(cap: Int) -> [Int] { first.map { min($0, max(cap, floor)) } }
        var low = 0, high = widest
        while low < high {
            let cap = (low + high + 1) / 2
            if widths(cap: cap).reduce(0, +) <= available { low = cap } else { high = cap - 1 }
        }
        var result = widths(cap: low)
        var spare = available - result.reduce(0, +)
        for index in result.indices where spare > 0 && result[index] < first[index] {
            result[index] += 1
            spare -= 1
        }
        return result
    }

    /// TSV escapes its own separators (`\t`, `\n`, `\r`, `\\`) before SafeText shows what is left visibly.
    private func delimited(separator: String, raw: Bool, quote: @escaping (String) -> String, tsv: Bool = false) -> String {
        func safe(_ text: String) -> String {
            guard !raw else { return quote(text) }
            let formulaGuard = SafeText.startsFormula(text) ? "'" : ""
            return tsv ? formulaGuard + SafeText.visible(quote(text)) : quote(formulaGuard + SafeText.visible(text))
        }
        func field(_ cell: Cell) -> String {
            guard case .text(let text) = cell else { return quote(cell.plain) }
            return safe(text)
        }
        let header = columns.map(safe)
        let text = ([header] + rows.map { $0.map(field) }).map { $0.joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
        return raw ? text : SafeText.pipelineSafe(text)
    }

    private func markdown() -> String {
        func line(_ values: [String]) -> String {
            "| " + values.joined(separator: " | ") + " |"
        }
        let body = rows.map { line($0.map { SafeText.markdown($0.plain) }) }
        return ([line(columns.map(SafeText.markdown)), line(columns.map { _ in "---" })] + body).joined(separator: "\n") + "\n"
    }

    /// Written into one string: a report of 60,000 rows is 55 MB of JSON, and joining a string per cell
    /// and per row took over a second.
    private func json() -> String {
        guard !rows.isEmpty else { return "[]\n" }
        let keys = columns.map { JSONText.string($0) + ": " }
        var out = "[\n"
        for (index, row) in rows.enumerated() {
            out += index == 0 ? "  {" : ",\n  {"
            for (column, (key, cell)) in zip(keys, row).enumerated() {
                if column > 0 { out += ", " }
                out += key
                cell.appendJSON(to: &out)
            }
            out += "}"
        }
        return out + "\n]\n"
    }

    static func csvField(_ value: String) -> String {
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }

    static func tsvField(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
