import PermAuditStore

/// `permaudit search`: the matching permissions, best first, with what an admin checks first.
public enum SearchListing {
    public static func table(_ hits: [PermissionSearchHit]) -> Tabular {
        var table = Tabular(
            columns: ["permission", "kind", "requiresAdminConsent", "privilegeLevel", "displayName", "permissionId", "resourceAppId"],
            rows: hits.map { hit in
                [
                    .text(hit.permission), .text(hit.kind.rawValue), hit.requiresAdminConsent.map { .literal(String($0)) } ?? .null,
                    hit.privilegeLevel.map { .literal(String($0)) } ?? .null, hit.displayName.map(Tabular.Cell.text) ?? .null,
                    hit.permissionId.map(Tabular.Cell.text) ?? .null, .text(hit.resourceAppId),
                ]
            })
        // On a narrow terminal the ids give way first: the name and what it does are what a search is for.
        table.shrinkFirst = ["resourceAppId", "permissionId", "displayName"]
        return table
    }
}
