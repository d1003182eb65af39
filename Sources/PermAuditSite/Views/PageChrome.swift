/// What every page's header and footer show: the title, the way back to the site's root, and what the
/// site was written from (dates from the data, never the time of writing, so a rerun writes the same bytes).
struct PageChrome {
    var title: String
    /// `""` for pages at the root, `"../"` for pages one folder down.
    var root: String
    var reportLink: Bool
    var version: String
    var catalogAsOf: String
    var tenantAsOf: String?
    /// `--as-of`: the date the site shows the database as it stood on.
    var asOf: String?
}
