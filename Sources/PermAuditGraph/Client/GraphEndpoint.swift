import Foundation

/// The one Graph origin the token may be sent to: scheme, host and port of the configured base URL.
public struct GraphEndpoint: Sendable, Equatable {
    public let base: URL

    /// `https://` anywhere; plain `http://` only on a loopback address (a mirror or a test).
    public init(validating text: String, option: String) throws {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil, url.user == nil else {
            throw SyncError(.configuration, "\(option) \(text): not an absolute http(s) URL with a host")
        }
        switch scheme {
        case "https": break
        case "http" where Self.isLoopback(host): break
        case "http": throw SyncError(.configuration, "\(option) \(text): plain http:// is allowed only for loopback addresses; use https://")
        default: throw SyncError(.configuration, "\(option) \(text): not an http(s) URL")
        }
        let trimmed = url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString
        base = URL(string: trimmed)!
    }

    /// `base/v1.0/path?query`, the query given already encoded.
    public func url(_ path: String, query: String? = nil) -> URL {
        URL(string: base.absoluteString + "/v1.0/" + path + (query.map { "?" + $0 } ?? ""))!
    }

    /// Whether `url` is on this origin: the only URLs that receive the token.
    public func owns(_ url: URL) -> Bool {
        url.scheme?.lowercased() == base.scheme?.lowercased() && url.host?.lowercased() == base.host?.lowercased()
            && Self.port(url) == Self.port(base) && url.user == nil
    }

    private static func port(_ url: URL) -> Int? {
        url.port ?? (url.scheme?.lowercased() == "https" ? 443 : url.scheme?.lowercased() == "http" ? 80 : nil)
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}
