import ArgumentParser
import PermAuditReport

/// `schema --format`: the schema as text (CREATE statements with comments), or a listing of one row per column.
enum SchemaFormat: String, ExpressibleByArgument, CaseIterable {
    case text, table, json, csv, tsv, markdown

    /// The listing format, nil for text.
    var listing: ListingFormat? { ListingFormat(rawValue: rawValue) }
}
