import Foundation
import PermAuditStore

/// A request URI reduced as the catalog's templates are (ApiTemplate): host, API version and query gone,
/// percent-escapes decoded, `//` collapsed, a drive item's path (`root:/a/b.xlsx:`) made one parameter.
struct RequestPath: Equatable {
    var apiVersion: String
    var segments: [String]

    init(_ uri: String) {
        var path = Substring(uri)
        if let scheme = path.range(of: "://") {
            let afterHost = path[scheme.upperBound...]
            path = afterHost.firstIndex(of: "/").map { afterHost[$0...] } ?? ""
        }
        path = path.prefix { $0 != "?" && $0 != "#" }
        var text = path.contains("%") ? String(path).removingPercentEncoding ?? String(path) : String(path)
        // Drive path addressing: everything between `:/` and the next `:` is one item path.
        if text.contains(":/") {
            text = text.replacingOccurrences(of: #":/[^:]*:"#, with: ":/{id}:", options: .regularExpression)
        }
        var raw = text.split(separator: "/")
        var version = "v1.0"
        if let first = raw.first?.lowercased(), first == "v1.0" || first == "beta" {
            version = first
            raw.removeFirst()
        }
        apiVersion = version
        segments = raw.compactMap { ApiTemplate.segment($0) }
    }

    var text: String { "/" + segments.joined(separator: "/") }

    /// An unmatched path for the record: ids (GUIDs, numbers, e-mail addresses, long tokens) as `{id}`, so that
    /// one gap in the catalog is one row, not one per object.
    var shapeKey: String {
        "/" + segments.map { segment in
            let looksLikeId = segment.contains("@") || segment.allSatisfy(\.isNumber)
                || segment.range(of: #"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"#, options: .regularExpression) != nil
                || (segment.count >= 20 && segment.contains { $0.isNumber })
            return looksLikeId ? "{id}" : segment
        }.joined(separator: "/")
    }
}
