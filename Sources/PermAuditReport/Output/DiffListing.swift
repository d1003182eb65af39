/// A diff-like result printed as a summary line and rows (table, Markdown, CSV, TSV) or as its JSON contract.
public protocol DiffListing {
    var summary: String { get }
    var rows: Tabular { get }
    var json: JSONValue { get }
}

extension DiffListing {
    public func render(_ format: ListingFormat) -> String {
        switch format {
        case .json: json.text() + "\n"
        case .table: summary + "\n\n" + rows.render(.table)
        case .markdown: "**" + summary + "**\n\n" + rows.render(.markdown)
        case .csv, .tsv: rows.render(format)
        }
    }
}
