/// Rows of text cells under named columns, rendered as an aligned table, CSV, TSV, Markdown or JSON.
public struct Tabular: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[Cell]]

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
        switch format {
        case .table: alignedTable()
        case .csv: delimited(separator: ",", quote: Self.csvField)
        case .tsv: delimited(separator: "\t", quote: Self.tsvField)
        case .markdown: markdown()
        case .json: json()
        }
    }

    private func alignedTable() -> String {
        let cells = rows.map { $0.map { Self.oneLine($0.plain) } }
        let widths = columns.indices.map { index in
            ([columns[index]] + cells.map { $0[index] }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(columns), line(rule)] + cells.map(line)).joined(separator: "\n") + "\n"
    }

    private func delimited(separator: String, quote: (String) -> String) -> String {
        ([columns.map(quote)] + rows.map { $0.map { quote($0.plain) } })
            .map { $0.joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
    }

    private func markdown() -> String {
        func line(_ values: [String]) -> String {
            "| " + values.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        let body = rows.map { line($0.map { Self.oneLine($0.plain) }) }
        return ([line(columns), line(columns.map { _ in "---" })] + body).joined(separator: "\n") + "\n"
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

    static func oneLine(_ value: String) -> String {
        value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
