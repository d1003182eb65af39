import Foundation
import PermAuditStore

/// One request from Microsoft Graph's activity log, from any of its export shapes: keys matched without
/// regard to case (camelCase in storage exports, PascalCase in Log Analytics), a storage record's
/// `properties` merged into it, numbers accepted as strings and strings as numbers.
struct ActivityRecord {
    var time: String
    var requestId: String?
    var method: String
    var requestUri: String
    var status: Int
    var appId: String
    var scheme: GraphCall.Scheme
    var userId: String?
    var tenantId: String?
    var apiVersion: String?

    /// The keys of an object that make it an activity record.
    static func isRecord(_ keys: Set<String>) -> Bool {
        keys.isSuperset(of: ["requesturi", "requestmethod"])
            || (keys.contains("properties") && keys.contains("category") && keys.contains("operationname"))
    }

    /// nil with the reason when a field the advice needs is missing or wrong.
    static func decode(_ fields: [String: Any]) -> Result<ActivityRecord, Problem> {
        var values = ActivityFields()
        for (key, value) in fields {
            if let field = ActivityField.byName[key.lowercased()] { values[field] = text(value) }
        }
        if let properties = fields.first(where: { $0.key.lowercased() == "properties" })?.value as? [String: Any] {
            for (key, value) in properties {
                if let field = ActivityField.byName[key.lowercased()] { values[field] = text(value) ?? values[field] }
            }
        }
        return decode(values)
    }

    /// From the fields' values.
    static func decode(_ values: ActivityFields) -> Result<ActivityRecord, Problem> {
        func field(_ fields: ActivityField...) -> String? {
            fields.lazy.compactMap { values[$0] }.first { !$0.isEmpty }
        }
        guard let uri = field(.requestUri) else { return .failure(Problem(field: "requestUri", expected: "the request's URI")) }
        guard let method = field(.requestMethod) else { return .failure(Problem(field: "requestMethod", expected: "an HTTP method")) }
        guard let status = field(.responseStatusCode, .resultSignature).flatMap({ Int($0) }) else {
            return .failure(Problem(field: "responseStatusCode", expected: "an HTTP status code"))
        }
        guard let appId = field(.appId) else { return .failure(Problem(field: "appId", expected: "the calling application's id")) }
        guard let time = field(.timeGenerated, .time).flatMap(ActivityTime.iso) else {
            return .failure(Problem(field: "timeGenerated", expected: "a date and time (ISO 8601, or M/D/YYYY, h:mm:ss AM)"))
        }
        let userId = field(.userId)
        let scheme: GraphCall.Scheme
        switch field(.idType)?.lowercased() {
        case "app": scheme = .application
        case "user": scheme = .delegated
        default: scheme = userId == nil ? .application : .delegated
        }
        return .success(ActivityRecord(time: time, requestId: field(.requestId), method: method.uppercased(), requestUri: uri,
                                       status: status, appId: appId.lowercased(), scheme: scheme, userId: userId,
                                       tenantId: field(.aadTenantId, .tenantId), apiVersion: field(.apiVersion)))
    }

    struct Problem: Error {
        var field: String
        var expected: String
    }

    private static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: string
        // An integral number is written without a fraction (`204.0` is status 204), as the scanner reads it.
        case let number as NSNumber:
            number.doubleValue == number.doubleValue.rounded() && abs(number.doubleValue) < 1e15 ? String(number.int64Value) : number.stringValue
        default: nil
        }
    }
}
