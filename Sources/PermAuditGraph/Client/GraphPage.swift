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
        guard let page = GraphPageScanner.scan(body), !page.hasError, page.hasValue else { return nil }
        self.body = body
        ids = page.ids
        itemCount = page.itemCount
        if let text = page.nextLink {
            guard let url = URL(string: text), url.scheme != nil else { return nil }
            nextLink = url
        }
        count = page.count
    }
}
