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

    /// The properties a record is read from, lower-cased (ActivityRecordScanner reads only these).
    static let fieldNames: Set<String> = ["requesturi", "requestmethod", "responsestatuscode", "resultsignature", "appid",
                                          "timegenerated", "time", "userid", "c_idtyp", "requestid", "aadtenantid", "tenantid", "apiversion"]

    /// nil with the reason when a field the advice needs is missing or wrong.
    static func decode(_ fields: [String: Any]) -> Result<ActivityRecord, Problem> {
        var values: [String: String] = [:]
        for (key, value) in fields { values[key.lowercased()] = text(value) }
        if let properties = fields.first(where: { $0.key.lowercased() == "properties" })?.value as? [String: Any] {
            for (key, value) in properties { values[key.lowercased()] = text(value) ?? values[key.lowercased()] }
        }
        return decode(values: values)
    }

    /// From the values by lower-cased name.
    static func decode(values: [String: String]) -> Result<ActivityRecord, Problem> {
        func field(_ names: String...) -> String? {
            names.lazy.compactMap { values[$0] }.first { !$0.isEmpty }
        }
        guard let uri = field("requesturi") else { return .failure(Problem(field: "requestUri", expected: "the request's URI")) }
        guard let method = field("requestmethod") else { return .failure(Problem(field: "requestMethod", expected: "an HTTP method")) }
        guard let status = field("responsestatuscode", "resultsignature").flatMap(Int.init) else {
            return .failure(Problem(field: "responseStatusCode", expected: "an HTTP status code"))
        }
        guard let appId = field("appid") else { return .failure(Problem(field: "appId", expected: "the calling application's id")) }
        guard let time = field("timegenerated", "time").flatMap(ActivityTime.iso) else {
            return .failure(Problem(field: "timeGenerated", expected: "a date and time (ISO 8601, or M/D/YYYY, h:mm:ss AM)"))
        }
        let userId = field("userid")
        let scheme: GraphCall.Scheme
        switch field("c_idtyp")?.lowercased() {
        case "app": scheme = .application
        case "user": scheme = .delegated
        default: scheme = userId == nil ? .application : .delegated
        }
        return .success(ActivityRecord(time: time, requestId: field("requestid"), method: method.uppercased(), requestUri: uri,
                                       status: status, appId: appId.lowercased(), scheme: scheme, userId: userId,
                                       tenantId: field("aadtenantid", "tenantid"), apiVersion: field("apiversion")))
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
