/// How a listing is printed. Table is for people; json, csv, tsv and markdown are for tools and documents.
public enum ListingFormat: String, Sendable, CaseIterable {
    case table, json, csv, tsv, markdown
}

/// How a permission page is printed.
public enum PageFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown
}
