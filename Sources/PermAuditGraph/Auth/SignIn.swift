import Foundation

/// What the two sign-in flows share: the tenant in the sign-in path, form bodies, Microsoft's error answers.
enum SignIn {
    /// The tenant as a path segment: an id or a domain, nothing that could add a segment or a query.
    static func tenantSegment(_ tenant: String) throws -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
        guard !tenant.isEmpty, !tenant.hasPrefix("."), tenant.unicodeScalars.allSatisfy(allowed.contains) else {
            throw SyncError(.configuration, "--tenant \(tenant): give the tenant id or a domain (letters, digits, '-' and '.')")
        }
        return tenant
    }

    /// application/x-www-form-urlencoded: everything but unreserved characters escaped.
    static func form(_ fields: [(String, String)]) -> Data {
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return Data(fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }.joined(separator: "&").utf8)
    }

    /// `{"error": ..., "error_description": "AADSTS...: ...\r\nTrace ID: ..."}` as one line: the code and the
    /// description's first line. A 5xx is Microsoft's failure (resumable), anything else the user's to fix.
    static func refusal(_ what: String, status: Int, answer: [String: Any]) -> SyncError {
        let code = answer["error"] as? String ?? "HTTP \(status)"
        let description = (answer["error_description"] as? String)?.split(whereSeparator: \.isNewline).first.map { String($0.prefix(200)) } ?? ""
        return SyncError(status >= 500 ? .remote : .configuration, "\(what) (\(code))" + (description.isEmpty ? "" : ": \(description)"))
    }

    /// POSTs a form to the sign-in host; its answer as (status, JSON object). A network failure is resumable.
    static func post(_ transport: any HTTPTransport, _ url: URL, _ fields: [(String, String)],
                     deadline: Duration = .seconds(60)) async throws -> (status: Int, object: [String: Any]) {
        let request = TransportRequest(method: "POST", url: url, headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                                       body: form(fields), deadline: deadline)
        do {
            let response = try await transport.send(request)
            return (response.status, (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:])
        } catch {
            throw SyncError(.remote, "sign-in at \(url.host ?? "?") failed: \(GraphClient.oneLine(error))")
        }
    }

    /// An application's token (client credentials, with a secret or an assertion); a refusal is one line.
    static func applicationToken(_ transport: any HTTPTransport, _ url: URL, clientId: String, _ fields: [(String, String)]) async throws -> AccessToken {
        let answer = try await post(transport, url, [("client_id", clientId), ("grant_type", "client_credentials")] + fields)
        if answer.status == 200, let token = answer.object["access_token"] as? String { return try AccessToken(token) }
        throw refusal("sign-in refused for client \(clientId)", status: answer.status, answer: answer.object)
    }
}
