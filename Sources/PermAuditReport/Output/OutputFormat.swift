/// How a listing is printed. Table is for people; json, csv, tsv and markdown are for tools and documents.
public enum ListingFormat: String, Sendable, CaseIterable {
    case table, json, csv, tsv, markdown
}

/// A listing's format and what its reader needs: the columns a table may fill, and whether CSV and TSV
/// carry the stored values raw.
public struct OutputStyle: Sendable, Equatable {
    public var format: ListingFormat
    /// The terminal's width (else `COLUMNS`, else 100): a table never draws wider, whatever a name's length.
    public var width: Int
    /// CSV and TSV cells exactly as stored: no `'` before a formula's first character, control characters
    /// unescaped. For tools that need the bytes; never for a spreadsheet.
    public var rawCells: Bool

    public init(_ format: ListingFormat, width: Int = 100, rawCells: Bool = false) {
        self.format = format
        self.width = max(width, 20)
        self.rawCells = rawCells
    }
}
