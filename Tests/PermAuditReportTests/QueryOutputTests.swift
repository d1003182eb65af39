import PermAuditReport
import PermAuditStore
import Testing

/// The streamed query output prints what the whole-result rendering prints, without holding the rows.
@Suite struct QueryOutputTests {
    static let columns = ["n", "name", "note"]

    static func rows(_ count: Int) -> [[SQLValue]] {
        (0..<count).map { [.integer(Int64($0)), .text("name \($0), \"quoted\"\n"), $0 % 3 == 0 ? .null : .real(Double($0) / 4)] }
    }

    static func streamed(_ rows: [[SQLValue]], _ format: ListingFormat) -> (text: String, chunks: Int) {
        var chunks: [String] = []
        let output = QueryOutput(style: OutputStyle(format)) { chunks.append($0) }
        output.begin(columns: columns)
        rows.forEach(output.add)
        output.finish()
        return (chunks.joined(), chunks.count)
    }

    @Test(arguments: ListingFormat.allCases, [0, 1, 7, QueryOutput.tableSizingRows])
    func aSmallResultPrintsAsTheWholeResultDoes(format: ListingFormat, count: Int) {
        let rows = Self.rows(count)
        let whole = Tabular(QueryResult(columns: Self.columns, rows: rows)).render(format)
        #expect(Self.streamed(rows, format).text == whole)
    }

    /// A large result reaches `emit` in many chunks, the first before the last row was added.
    @Test(arguments: ListingFormat.allCases)
    func aLargeResultIsWrittenAsItComes(format: ListingFormat) {
        let rows = Self.rows(20_000)
        var firstChunkAfterRows: Int?
        var added = 0
        let output = QueryOutput(style: OutputStyle(format)) { _ in firstChunkAfterRows = firstChunkAfterRows ?? added }
        output.begin(columns: Self.columns)
        for row in rows {
            output.add(row)
            added += 1
        }
        output.finish()
        #expect((firstChunkAfterRows ?? rows.count) < rows.count)
        if format != .table {
            #expect(Self.streamed(rows, format).text == Tabular(QueryResult(columns: Self.columns, rows: rows)).render(format))
        }
    }

    /// Past the sizing rows, a longer value is cut to its column: the columns keep the widths of the first rows,
    /// and no line is wider than the terminal.
    @Test func aTableSizesItsColumnsFromTheFirstRows() {
        var rows = Self.rows(QueryOutput.tableSizingRows)
        rows.append([.integer(1), .text("a much longer name than any of the first rows had"), .null])
        let lines = Self.streamed(rows, .table).text.split(separator: "\n")
        #expect(lines.count == rows.count + 3, "header, rule, rows and the key to the ! mark (the names hold line breaks)")
        #expect(lines[1].hasPrefix("---  ---"))
        let width = lines[1].split(separator: " ", omittingEmptySubsequences: true)[1].count
        #expect(lines[rows.count + 1] == "1    " + String("a much longer name than any of the first rows had".prefix(width - 1)) + "…")
    }
}
