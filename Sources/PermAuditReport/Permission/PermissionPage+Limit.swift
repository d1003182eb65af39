extension PermissionPage {
    /// The page with at most `limit` properties per resource: what loading it with that `propertyLimit` gives,
    /// without reading the database again.
    public func limitingProperties(to limit: Int) -> PermissionPage {
        var page = self
        for entry in page.entries.indices {
            for resource in page.entries[entry].resources.indices {
                page.entries[entry].resources[resource].properties = Array(page.entries[entry].resources[resource].properties.prefix(limit))
            }
        }
        return page
    }
}
