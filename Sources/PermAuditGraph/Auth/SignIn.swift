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
}
