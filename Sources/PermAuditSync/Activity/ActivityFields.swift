/// The properties an activity record is read from, by their lower-cased names in the exports.
enum ActivityField: Int, CaseIterable {
    case requestUri, requestMethod, responseStatusCode, resultSignature, appId, timeGenerated, time, userId, idType
    case requestId, aadTenantId, tenantId, apiVersion

    /// The lower-cased name (Log Analytics writes `RequestUri`, storage exports `requestUri`).
    var name: String {
        switch self {
        case .idType: "c_idtyp"
        default: String(describing: self).lowercased()
        }
    }

    static let byName = Dictionary(uniqueKeysWithValues: allCases.map { ($0.name, $0) })
}

/// One record's values of the `ActivityField`s, as text: a fixed slot per field, so the fast path fills it
/// without hashing a name.
struct ActivityFields: Equatable {
    private var slots = [String?](repeating: nil, count: ActivityField.allCases.count)

    init() {}

    /// From values by lower-cased name; names that are not fields are left out.
    init(_ values: [String: String]) {
        for (name, value) in values {
            if let field = ActivityField.byName[name] { self[field] = value }
        }
    }

    subscript(field: ActivityField) -> String? {
        get { slots[field.rawValue] }
        set { slots[field.rawValue] = newValue }
    }
}
