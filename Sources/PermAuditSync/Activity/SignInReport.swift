import Foundation
import PermAuditStore

/// Graph's servicePrincipalSignInActivities report (beta, `GET /reports/servicePrincipalSignInActivities`),
/// as Graph pages, a list or NDJSON: per app, `lastSignInActivity` and the four delegated / app-only, client /
/// resource activities, each with its `lastSignInDateTime`.
enum SignInReport {
    static func isReport(_ keys: Set<String>) -> Bool {
        keys.contains("appid") && (keys.contains("lastsigninactivity") || keys.contains("delegatedclientsigninactivity"))
    }

    static func read(_ source: InputSource) throws -> [SignInActivity] {
        let reader = try source.reader()
        var apps: [SignInActivity] = []
        while let element = try reader.next() {
            let object = try ActivityFileReader.object(element.bytes, source.name, element.location)
            var fields: [String: Any] = [:]
            for (key, value) in object { fields[key.lowercased()] = value }
            guard let appId = fields["appid"] as? String, !appId.isEmpty else {
                throw ImportError(file: source.name, location: element.location, problem: "appId: expected the application's id")
            }
            func last(_ name: String) -> String? {
                guard let activity = fields[name.lowercased()] as? [String: Any] else { return nil }
                let value = activity.first { $0.key.lowercased() == "lastsignindatetime" }?.value as? String
                return value?.isEmpty == false ? value : nil
            }
            apps.append(SignInActivity(
                appId: appId.lowercased(), lastSignIn: last("lastSignInActivity"), delegatedClient: last("delegatedClientSignInActivity"),
                delegatedResource: last("delegatedResourceSignInActivity"),
                applicationClient: last("applicationAuthenticationClientSignInActivity"),
                applicationResource: last("applicationAuthenticationResourceSignInActivity")))
        }
        return apps
    }
}
