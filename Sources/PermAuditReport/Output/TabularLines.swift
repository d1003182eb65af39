/// A listing's lines in one style, one row at a time: the whole listings (`Tabular`) and the streamed query
/// output (`QueryOutput`) both write through it, so imported text is made safe (SafeText) the same way in
/// each. Every line it returns ends with its line break.
struct TabularLines {
    let style: OutputStyle

    init(_ style: OutputStyle) {
        self.style = style
    }

    /// CSV, TSV and Markdown: the header (with Markdown's rule).
    func header(_ columns: [String]) -> String {
        switch style.format {
        case .markdown: Self.markdownLine(columns.map(SafeText.markdown)) + Self.markdownLine(columns.map { _ in "---" })
        default: delimited(columns.map(Tabular.Cell.text))
        }
    }

    /// CSV, TSV and Markdown: one row.
    func row(_ cells: [Tabular.Cell]) -> String {
        style.format == .markdown ? Self.markdownLine(cells.map { SafeText.markdown($0.plain) }) : delimited(cells)
    }

    private static func markdownLine(_ values: [String]) -> String {
        SafeText.lineStartSafe("| " + values.joined(separator: " | ") + " |") + "\n"
    }

    // MARK: - CSV and TSV

    /// Text cells shown visibly and guarded against formulas (OWASP: a leading `'`); numbers as they are.
    /// TSV escapes its own separators (`\t`, `\n`, `\r`, `\\`) before SafeText shows what is left. With
    /// `rawCells`, cells as stored.
    private func delimited(_ cells: [Tabular.Cell]) -> String {
        let tsv = style.format == .tsv
        let quote = tsv ? Self.tsvField : Self.csvField
        let fields = cells.map { cell -> String in
            guard !style.rawCells, case .text(let text) = cell else { return quote(cell.plain) }
            guard tsv else { return quote(SafeText.spreadsheet(text)) }
            return (SafeText.startsFormula(text) ? "'" : "") + SafeText.visible(quote(text))
        }
        let line = fields.joined(separator: tsv ? "\t" : ",")
        return (style.rawCells ? line : SafeText.lineStartSafe(line)) + "\r\n"
    }

    static func csvField(_ value: String) -> String {
        // Bytes, not Characters: faster, and a CRLF (one Character) is found too. Quotes doubled byte by byte:
        // Foundation's replacingOccurrences was a twentieth of the site's time.
        let quote = UInt8(ascii: "\"")
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 10 || $0 == 13 }) else { return value }
        var quoted: [UInt8] = [quote]
        quoted.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            if byte == quote { quoted.append(quote) }
            quoted.append(byte)
        }
        quoted.append(quote)
        return String(decoding: quoted, as: UTF8.self)
    }

    static func tsvField(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    // MARK: - Tables

    struct TableLayout {
        /// The header and its rule.
        var head: String
        var rows: [String]
        var widths: [Int]
        /// True when a row holds text marked `!`: the table ends with `flagFooter`.
        var flagged: Bool
    }

    /// Columns that fit the style's width: the `shrinkFirst` columns give way first, then the widest are cut
    /// (ending in "…") to one common width, the largest that fits.
    func tableLayout(columns: [String], rows: [[Tabular.Cell]], shrinkFirst: [String] = []) -> TableLayout {
        let header = columns.map(SafeText.line)
        let shown = rows.map(Self.tableCells)
        let values = header.indices.map { index in shown.reduce(0) { max($0, DisplayWidth.of($1.cells[index])) } }
        let natural = header.indices.map { max(values[$0], DisplayWidth.of(header[$0])) }
        let widths = Self.fit(natural, into: style.width - 2 * max(0, columns.count - 1), values: values,
                              shrinkFirst: shrinkFirst.compactMap { columns.firstIndex(of: $0) })
        let rule = widths.map { String(repeating: "-", count: $0) }
        return TableLayout(head: Self.tableLine(header, widths) + Self.tableLine(rule, widths),
                           rows: shown.map { Self.tableLine($0.cells, widths) }, widths: widths,
                           flagged: shown.contains { $0.flagged })
    }

    /// One row as a table shows it: each cell visible, the first one unable to start a CI runner's command,
    /// `!` before text that hides or reorders characters or mixes alphabets.
    static func tableCells(_ row: [Tabular.Cell]) -> (cells: [String], flagged: Bool) {
        var flagged = false
        let cells = row.indices.map { column -> String in
            let visible = SafeText.visible(row[column].plain)
            let safe = column == 0 ? SafeText.lineStartSafe(visible) : SafeText.ciSafe(visible)
            guard case .text(let text) = row[column], !TextFlag.flags(of: text).isEmpty else { return safe }
            flagged = true
            return "!" + safe
        }
        return (cells, flagged)
    }

    /// Values cut and padded to their columns, two spaces apart. Checked as a whole line too: when the first
    /// cells are empty, a later one starts the line.
    static func tableLine(_ values: [String], _ widths: [Int]) -> String {
        SafeText.lineStartSafe(zip(values, widths).map { DisplayWidth.pad(DisplayWidth.clip($0, to: $1), to: $1) }
            .joined(separator: "  ").trimmingTrailingSpaces()) + "\n"
    }

    static let flagKey = "text with control, bidi or invisible characters (shown as \\u...) or mixed alphabets in a word"
    static let flagFooter = "\n! " + flagKey + "\n"

    /// Column widths that add up to `available` at most. First a header longer than its column's values is
    /// cut (to 5 at least); then the `shrinkFirst` columns, to 12; then columns wider than a common cap are cut
    /// to it (never below 6, or their own width if smaller); what is left over goes to the cut columns, left
    /// first.
    static func fit(_ natural: [Int], into available: Int, values: [Int]? = nil, shrinkFirst: [Int] = []) -> [Int] {
        guard natural.reduce(0, +) > available, let widest = natural.max() else { return natural }
        var first = natural
        var excess = natural.reduce(0, +) - available
        for index in first.indices where excess > 0 {
            let cut = min(excess, max(0, first[index] - max(values?[index] ?? first[index], 5)))
            first[index] -= cut
            excess -= cut
        }
        for index in shrinkFirst where excess > 0 {
            let cut = min(excess, max(0, first[index] - 12))
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
}
