/// A diff-like result printed as a summary line and rows (table, Markdown, CSV, TSV) or as its JSON contract.
public protocol DiffListing {
    var summary: String { get }
    var rows: Tabular { get }
    /// The rows for a terminal, where they may be shown more compactly than in CSV, TSV and Markdown.
    func table(_ style: OutputStyle) -> String
    var json: JSONValue { get }
}

extension DiffListing {
    public func table(_ style: OutputStyle) -> String { rows.render(style) }
}

extension DiffListing {
    public func render(_ format: ListingFormat) -> String {
        render(OutputStyle(format))
    }

    public func render(_ style: OutputStyle) -> String {
        switch style.format {
        case .json: json.text() + "\n"
        case .table: SafeText.pipelineSafe(DisplayWidth.wrap(SafeText.visible(summary), to: style.width)) + "\n\n" + table(style)
        case .markdown: "**" + SafeText.markdown(summary) + "**\n\n" + rows.render(style)
        case .csv, .tsv: rows.render(style)
        }
    }
}
