import Foundation
import PermAuditStore

/// A Graph on 127.0.0.1 that behaves as the real one does where a sync can go wrong: absolute nextLinks with
/// opaque skip tokens, `$top` capped at 999 and pages no larger than `pageSize`, 400 on unknown `$select` names
/// and on `$count` without `ConsistencyLevel: eventual`, `/$count` endpoints, a bearer token checked on every
/// request. `fault` may answer any request instead (by its number, from 0); every request is recorded.
public final class FakeGraph: @unchecked Sendable {
    public static let token = "fake-graph-token"
    /// The one application the fake sign-in endpoint knows.
    public static let clientId = "11111111-2222-3333-4444-555555555555"
    public static let clientSecret = "fake~client.secret"

    private let lock = NSLock()
    private var server: LoopbackServer!
    private var tenant: FakeTenant
    private var cursors: [String: Cursor] = [:]
    private var log: [FakeRequest] = []

    /// The most objects on one page, whatever `$top` asks (Graph pages by its own limits too).
    public var pageSize = 999
    /// Puts one empty page after the first page of every listing that has a second.
    public var emptyMiddlePage = false
    /// Added to a collection's `/$count` (`servicePrincipals`, `oauth2PermissionGrants`): a count mismatch.
    public var countOffset: [String: Int] = [:]
    /// Set at any time, from the test's thread while the server's threads answer: behind the lock.
    public var fault: (@Sendable (FakeRequest, Int) -> FakeReply?)? {
        get { lock.withLock { faultStorage } }
        set { lock.withLock { faultStorage = newValue } }
    }
    private var faultStorage: (@Sendable (FakeRequest, Int) -> FakeReply?)?
    /// What the sign-in endpoint answers to each device code poll, in turn (`authorization_pending`,
    /// `slow_down`, `expired_token`, ...); `ok` gives the token.
    public var devicePolls: [String] {
        get { lock.withLock { devicePollStorage } }
        set { lock.withLock { devicePollStorage = newValue } }
    }
    private var devicePollStorage = ["ok"]
    /// The poll interval the device code answer asks for, in seconds.
    public var deviceInterval = 5
    /// The `x5t#S256` a client assertion must name (the test certificate's), and the assertions received.
    public var certificateThumbprint: String?
    public var assertions: [String] { lock.withLock { assertionStorage } }
    private var assertionStorage: [String] = []
    private var usedAssertionIds: Set<String> = []
    /// Public files (Kibali's, `$metadata`) by path, served to anyone with an ETag (the content's sha256) and
    /// answered 304 when If-None-Match names it; set at any time, behind the lock.
    public var files: [String: Data] {
        get { lock.withLock { fileStorage } }
        set { lock.withLock { fileStorage = newValue } }
    }
    private var fileStorage: [String: Data] = [:]
    /// The bearer tokens Graph accepts.
    public var acceptedTokens: Set<String> = [FakeGraph.token]

    private struct Cursor {
        var collection: String
        var offset: Int
        var top: Int
        var select: [String]?
        var emptyPending: Bool
    }

    public init(_ tenant: FakeTenant) throws {
        self.tenant = tenant
        server = try LoopbackServer { [unowned self] request in self.answer(request) }
    }

    deinit { server.stop() }

    public var baseURL: String { "http://127.0.0.1:\(server.port)" }

    public var requests: [FakeRequest] {
        lock.lock(); defer { lock.unlock() }
        return log
    }

    public func stop() { server.stop() }

    private func answer(_ request: FakeRequest) -> FakeReply {
        lock.lock()
        let number = log.count
        log.append(request)
        let fault = faultStorage
        lock.unlock()
        if let reply = fault?(request, number) { return reply }
        if request.method == "POST" && request.path.hasSuffix("/oauth2/v2.0/devicecode") {
            return .json(200, Data(#"{"device_code":"fake-device-code","user_code":"FAKE1234","verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":\#(deviceInterval),"message":"To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE1234 to authenticate."}"#.utf8))
        }
        if request.method == "POST" && request.path.hasSuffix("/oauth2/v2.0/token") {
            return String(decoding: request.body, as: UTF8.self).contains("device_code=") ? devicePoll() : signIn(request)
        }
        if request.method == "GET", let file = files[request.path] { return Self.serve(file, request) }
        lock.lock(); defer { lock.unlock() }
        guard let authorization = request.headers["authorization"], authorization.hasPrefix("Bearer "),
              acceptedTokens.contains(String(authorization.dropFirst(7))) else {
            return Self.error(401, "InvalidAuthenticationToken", "Access token validation failure.")
        }
        return route(request)
    }

    private func route(_ request: FakeRequest) -> FakeReply {
        let parts = request.path.split(separator: "/").map(String.init)
        guard parts.first == "v1.0", parts.count >= 2 else { return Self.error(404, "Request_ResourceNotFound", "no such path") }
        let eventual = request.headers["consistencylevel"] == "eventual"
        switch Array(parts.dropFirst()) {
        case ["organization"]:
            return list("organization", tenant.organization, request, properties: ["id", "displayName", "verifiedDomains", "tenantType"])
        case ["servicePrincipals", "$count"], ["oauth2PermissionGrants", "$count"]:
            guard eventual else { return Self.error(400, "Request_BadRequest", "Raw count (/$count) is not supported because the 'ConsistencyLevel:eventual' header is missing.") }
            let collection = parts[1]
            let count = (collection == "servicePrincipals" ? tenant.servicePrincipals.count : tenant.grants.count) + (countOffset[collection] ?? 0)
            return .respond(status: 200, headers: ["Content-Type": "text/plain"], body: Data(String(count).utf8))
        case ["servicePrincipals"]:
            return list("servicePrincipals", tenant.servicePrincipals, request, properties: Self.principalProperties)
        case ["oauth2PermissionGrants"]:
            guard eventual else { return Self.error(400, "Request_BadRequest", "ConsistencyLevel: eventual expected on every grants page") }
            return list("oauth2PermissionGrants", tenant.grants, request, properties: Self.grantProperties)
        case let path where path.count == 1 && (path[0].removingPercentEncoding ?? "").hasPrefix("servicePrincipals(appId='"):
            let appId = (path[0].removingPercentEncoding ?? "").dropFirst("servicePrincipals(appId='".count).dropLast(2)
            return principal(appId: String(appId), request)
        case let path where path.count == 3 && path[0] == "servicePrincipals" && path[2] == "appRoleAssignedTo":
            guard tenant.servicePrincipals.contains(where: { $0["id"] as? String == path[1] }) else {
                return Self.error(404, "Request_ResourceNotFound", "Resource '\(path[1])' does not exist.")
            }
            guard eventual else { return Self.error(400, "Request_BadRequest", "ConsistencyLevel: eventual expected") }
            let assigned = tenant.assignments.filter { $0["resourceId"] as? String == path[1] }
            return list("servicePrincipals('\(path[1])')/appRoleAssignedTo", assigned, request, properties: Self.assignmentProperties)
        default:
            return Self.error(404, "Request_ResourceNotFound", "no such path")
        }
    }

    /// A public file, or 304 when the client already has this version.
    private static func serve(_ file: Data, _ request: FakeRequest) -> FakeReply {
        let etag = "\"" + SHA256.hex(file).prefix(16) + "\""
        if request.headers["if-none-match"] == etag { return .respond(status: 304, headers: ["ETag": etag], body: Data()) }
        return .respond(status: 200, headers: ["ETag": etag, "Content-Type": "application/octet-stream"], body: file)
    }

    /// `servicePrincipals(appId='...')`: one service principal by its application id, with `$select`.
    private func principal(appId: String, _ request: FakeRequest) -> FakeReply {
        guard let principal = tenant.servicePrincipals.first(where: { $0["appId"] as? String == appId }) else {
            return Self.error(404, "Request_ResourceNotFound", "Resource '\(appId)' does not exist.")
        }
        let select = request.query["$select"].map { $0.split(separator: ",").map(String.init) }
        if let unknown = select?.first(where: { !Self.principalProperties.contains($0) }) {
            return Self.error(400, "Request_BadRequest", "Could not find a property named '\(unknown)' on type 'microsoft.graph.servicePrincipal'.")
        }
        var object = select.map { names in principal.filter { names.contains($0.key) } } ?? principal
        object["@odata.context"] = "\(baseURL)/v1.0/$metadata#servicePrincipals/$entity"
        return .json(200, (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    private func devicePoll() -> FakeReply {
        let answer: String = lock.withLock { devicePollStorage.isEmpty ? "expired_token" : devicePollStorage.removeFirst() }
        guard answer != "ok" else { return .json(200, Data(#"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(Self.token)"}"#.utf8)) }
        return .json(400, Data(#"{"error":"\#(answer)","error_description":"AADSTS70016: \#(answer)."}"#.utf8))
    }

    /// The sign-in endpoint (client credentials): a token for the known client and secret, for this Graph's scope.
    private func signIn(_ request: FakeRequest) -> FakeReply {
        var form: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["grant_type"] == "client_credentials", form["scope"] == "\(baseURL)/.default" else {
            return .json(400, Data(#"{"error":"invalid_request","error_description":"AADSTS900144: The request body must contain grant_type and scope."}"#.utf8))
        }
        if let assertion = form["client_assertion"] {
            return checkAssertion(assertion, form: form, tokenPath: request.path)
        }
        guard form["client_id"] == Self.clientId, form["client_secret"] == Self.clientSecret else {
            return .json(401, Data(#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0"}"#.utf8))
        }
        return .json(200, Data(#"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(Self.token)"}"#.utf8))
    }

    /// A client assertion as Microsoft checks it, but the signature (the test verifies that with openssl):
    /// PS256 naming the known certificate, for this token URL, from and about the client, ten minutes at most, used once.
    private func checkAssertion(_ assertion: String, form: [String: String], tokenPath: String) -> FakeReply {
        let parts = assertion.split(separator: ".").map { part -> [String: Any] in
            var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            text += String(repeating: "=", count: (4 - text.count % 4) % 4)
            return Data(base64Encoded: text).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        }
        let refused = FakeReply.json(401, Data(#"{"error":"invalid_client","error_description":"AADSTS700027: Client assertion failed signature validation."}"#.utf8))
        guard parts.count == 3, form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
              parts[0]["alg"] as? String == "PS256", let thumbprint = certificateThumbprint, parts[0]["x5t#S256"] as? String == thumbprint,
              parts[1]["aud"] as? String == baseURL + tokenPath, parts[1]["iss"] as? String == Self.clientId,
              parts[1]["sub"] as? String == Self.clientId, form["client_id"] == Self.clientId,
              let nbf = parts[1]["nbf"] as? Int, let exp = parts[1]["exp"] as? Int, exp > nbf, exp - nbf <= 600,
              let jti = parts[1]["jti"] as? String else { return refused }
        let firstUse = lock.withLock { () -> Bool in
            guard !usedAssertionIds.contains(jti) else { return false }
            usedAssertionIds.insert(jti)
            assertionStorage.append(assertion)
            return true
        }
        guard firstUse else { return refused }
        return .json(200, Data(#"{"token_type":"Bearer","expires_in":3599,"access_token":"\#(Self.token)"}"#.utf8))
    }

    /// One page of `objects`: the first (validating `$top`, `$select`, `$count`), or the one a skip token names.
    private func list(_ collection: String, _ objects: [[String: Any]], _ request: FakeRequest, properties: [String]) -> FakeReply {
        let query = request.query
        var cursor: Cursor
        if let token = query["$skiptoken"] {
            guard let saved = cursors[token], saved.collection == collection else {
                return Self.error(400, "Directory_ExpiredPageToken", "DirectoryPageTokenNotFoundException: the page token is not known")
            }
            cursor = saved
        } else {
            if query["$expand"] != nil { return Self.error(400, "Request_BadRequest", "$expand is not expected") }
            let top = query["$top"].map { Int($0) ?? -1 } ?? 100
            guard (1...999).contains(top) else { return Self.error(400, "Request_BadRequest", "Invalid page size specified: '\(top)'.") }
            let select = query["$select"].map { $0.split(separator: ",").map(String.init) }
            if let unknown = select?.first(where: { !properties.contains($0) }) {
                return Self.error(400, "Request_BadRequest", "Could not find a property named '\(unknown)' on type 'microsoft.graph'.")
            }
            if query["$count"] == "true" && request.headers["consistencylevel"] != "eventual" {
                return Self.error(400, "Request_BadRequest", "$count requires ConsistencyLevel: eventual")
            }
            cursor = Cursor(collection: collection, offset: 0, top: top, select: select, emptyPending: emptyMiddlePage)
        }
        var page: [String: Any] = ["@odata.context": "\(baseURL)/v1.0/$metadata#\(collection)"]
        if query["$skiptoken"] == nil && query["$count"] == "true" { page["@odata.count"] = objects.count }
        let isEmptyPage = cursor.offset > 0 && cursor.emptyPending
        let size = isEmptyPage ? 0 : min(cursor.top, pageSize)
        let slice = objects[min(cursor.offset, objects.count)..<min(cursor.offset + size, objects.count)]
        page["value"] = slice.map { object in cursor.select.map { names in object.filter { names.contains($0.key) } } ?? object }
        if isEmptyPage { cursor.emptyPending = false }
        cursor.offset += size
        if cursor.offset < objects.count {
            let token = "X'" + UUID().uuidString.replacingOccurrences(of: "-", with: "") + "'"
            cursors[token] = cursor
            let path = request.path
            page["@odata.nextLink"] = "\(baseURL)\(path)?$skiptoken=\(token)"
        }
        return .json(200, (try? JSONSerialization.data(withJSONObject: page)) ?? Data())
    }

    public static func error(_ status: Int, _ code: String, _ message: String) -> FakeReply {
        let body: [String: Any] = ["error": ["code": code, "message": message]]
        return .json(status, (try? JSONSerialization.data(withJSONObject: body)) ?? Data())
    }

    static let principalProperties = [
        "id", "appId", "displayName", "appDisplayName", "appOwnerOrganizationId", "servicePrincipalType", "accountEnabled",
        "appRoleAssignmentRequired", "publisherName", "verifiedPublisher", "signInAudience", "tags", "servicePrincipalNames",
        "disabledByMicrosoftStatus", "appRoles", "oauth2PermissionScopes", "resourceSpecificApplicationPermissions", "keyCredentials",
        "createdDateTime", "homepage", "info",
    ]
    static let grantProperties = ["id", "clientId", "consentType", "principalId", "resourceId", "scope"]
    static let assignmentProperties = [
        "id", "appRoleId", "principalId", "principalType", "principalDisplayName", "resourceId", "resourceDisplayName", "createdDateTime",
        "deletedDateTime",
    ]
}
