import Foundation
import PermAuditStore

/// A request URI reduced as the catalog's templates are (ApiTemplate): host, API version and query gone,
/// percent-escapes decoded, `//` collapsed, a drive item's path (`root:/a/b.xlsx:`) made one parameter.
struct RequestPath: Equatable {
    var apiVersion: String
    var segments: [String]

    init(_ uri: String) {
        var text = Self.pathPart(of: uri)
        if text.utf8.contains(UInt8(ascii: "%")) { text = text.removingPercentEncoding ?? text }
        // Drive path addressing: everything between `:/` and the next `:` is one item path.
        if Self.hasItemPath(text.utf8) {
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

    /// The path without scheme, host, query or fragment. Only a scheme at the start counts, so a `://`
    /// inside a query's value is left alone.
    private static func pathPart(of uri: String) -> String {
        var path = Substring(uri)
        let utf8 = path.utf8
        if let colon = utf8.firstIndex(of: UInt8(ascii: ":")), utf8[colon...].starts(with: "://".utf8),
           utf8[..<colon].allSatisfy({ Self.isSchemeByte($0) }) {
            let afterHost = path[utf8.index(colon, offsetBy: 3)...]
            path = afterHost.utf8.firstIndex(of: UInt8(ascii: "/")).map { afterHost[$0...] } ?? ""
        }
        if let end = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            path = path[..<end]
        }
        return String(path)
    }

    /// Whether `:/` occurs (checked on bytes: Foundation's `contains` was a tenth of the import).
    private static func hasItemPath(_ bytes: String.UTF8View) -> Bool {
        var afterColon = false
        for byte in bytes {
            if afterColon, byte == UInt8(ascii: "/") { return true }
            afterColon = byte == UInt8(ascii: ":")
        }
        return false
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte)
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    var text: String { "/" + segments.joined(separator: "/") }

    /// An unmatched path for the record: ids (GUIDs, numbers, e-mail addresses, long tokens) as `{id}`, so that
    /// one gap in the catalog is one row, not one per object.
    var shapeKey: String {
        "/" + segments.map { Self.looksLikeId($0) ? "{id}" : $0 }.joined(separator: "/")
    }

    private static func looksLikeId(_ segment: String) -> Bool {
        segment.contains("@") || segment.allSatisfy(\.isNumber) || RequestKey.GUIDBits(segment.utf8) != nil
            || (segment.utf8.count >= 20 && segment.contains { $0.isNumber })
    }
}
