import PermAuditStore

/// `permaudit report --admin-consent`: which apps hold permissions that needed an administrator's consent.
/// JSON, CSV and Markdown carry every field under its contract name; the table is the readable subset.
public enum AdminConsentReport {
    /// The JSON contract's field names, in order.
    public static let fields = [
        "tenantId", "asOf", "clientId", "clientAppId", "clientDisplayName", "publisher", "verifiedPublisherName",
        "resourceId", "resourceAppId", "resourceDisplayName", "permission", "permissionId", "kind", "consentType",
        "principalCount", "requiresAdminConsent", "resolvedBy", "privilegeLevel",
    ]

    public static func render(_ holdings: [PermissionHolding], format: ListingFormat) -> String {
        format == .table ? readable(holdings).render(.table) : full(holdings).render(format)
    }

    static func full(_ holdings: [PermissionHolding]) -> Tabular {
        Tabular(columns: fields, rows: holdings.map { h in
            [
                .text(h.tenantId), .text(h.asOf), .text(h.clientId), text(h.clientAppId), text(h.clientDisplayName),
                text(h.publisher), text(h.verifiedPublisherName), .text(h.resourceId), text(h.resourceAppId),
                text(h.resourceDisplayName), text(h.permission), text(h.permissionId), .text(h.kind.rawValue),
                .text(h.consentType), literal(h.principalCount.map(String.init)),
                literal(h.requiresAdminConsent.map { String($0) }), text(h.resolvedBy), literal(h.privilegeLevel.map(String.init)),
            ]
        })
    }

    /// Fits 100 columns: the app, who published it, what it holds on which API, and how it was granted.
    static func readable(_ holdings: [PermissionHolding]) -> Tabular {
        Tabular(columns: ["app", "publisher", "permission", "granted", "admin", "level", "resource"],
                rows: holdings.map { h in
                    [
                        .text(clip(h.clientDisplayName ?? h.clientId, 18)), text(h.publisher),
                        .text(clip(h.permission ?? "role \(h.permissionId ?? "?")", 24)), .text(granted(h)),
                        .text(h.requiresAdminConsent.map { $0 ? "yes" : "no" } ?? "?"),
                        text(h.privilegeLevel.map(String.init)), .text(clip(h.resourceDisplayName ?? h.resourceId, 15)),
                    ]
                })
    }

    /// How the app holds it: an application role, consent for all users, or consent for some users.
    static func granted(_ holding: PermissionHolding) -> String {
        switch holding.consentType {
        case "Application": "app role"
        case "AllPrincipals": "all users"
        default: holding.principalCount == 1 ? "1 user" : "\(holding.principalCount ?? 0) users"
        }
    }

    private static func text(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.text) ?? .null }
    private static func literal(_ value: String?) -> Tabular.Cell { value.map(Tabular.Cell.literal) ?? .null }

    private static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }
}
