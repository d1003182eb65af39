import PermAuditStore

extension PermissionHolding {
    /// The report's JSON object: the contract's fields in order, nulls kept.
    var jsonValue: JSONValue {
        let values: [JSONValue] = [
            .string(tenantId), .string(asOf), .string(clientId), string(clientAppId), string(clientDisplayName), string(publisher),
            string(verifiedPublisherName), .string(resourceId), string(resourceAppId), string(resourceDisplayName),
            string(permission), string(permissionId), .string(kind.rawValue), .string(consentType),
            principalCount.map(JSONValue.int) ?? .null, requiresAdminConsent.map(JSONValue.bool) ?? .null,
            string(resolvedBy), privilegeLevel.map(JSONValue.int) ?? .null, string(firstSeen),
            string(risk?.level?.rawValue), string(risk?.levelSource?.rawValue), risk?.tier.map(JSONValue.int) ?? .null,
            string(risk?.tierSource?.rawValue), string(risk?.exception?.expires), risk?.exceptionValid.map(JSONValue.bool) ?? .null,
            string(risk?.exception?.owner), string(risk?.exception?.reason), string(textFlags),
        ]
        return .object(Array(zip(AdminConsentReport.fields, values)))
    }

    /// The names a tenant's apps chose, checked for text that hides or reorders characters or mixes alphabets.
    var textFlags: String? {
        TextFlag.summary([("clientDisplayName", clientDisplayName), ("verifiedPublisherName", verifiedPublisherName),
                          ("resourceDisplayName", resourceDisplayName), ("permission", permission)])
    }

    private func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
