import Foundation

/// One page of a Graph collection: the bytes as sent (staged and imported as they are) and what paging needs.
public struct GraphPage: Sendable {
    public var body: Data
    public var ids: [String]
    public var itemCount: Int
    public var nextLink: URL?
    /// `@odata.count`, on a first page asked with `$count=true`.
    public var count: Int?

    /// Nil when the body is not a Graph page: not JSON, an `{"error": ...}`, or no `value` list.
    public init?(body: Data) {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], object["error"] == nil,
              let value = object["value"] as? [Any] else { return nil }
        self.body = body
        ids = value.compactMap { ($0 as? [String: Any])?["id"] as? String }
        itemCount = value.count
        if let link = object["@odata.nextLink"] {
            guard let text = link as? String, let url = URL(string: text), url.scheme != nil else { return nil }
            nextLink = url
        }
        count = (object["@odata.count"] as? NSNumber)?.intValue
    }
}
