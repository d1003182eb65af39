import PermAuditStore

/// The catalog's path templates as a tree of segments, walked the way Kibali does: at each step the literal
/// segment first, else a parameter (`{id}`), else `...` (any depth of folders); a dead end goes back and
/// tries the next. Matching follows the catalog, not the look of an id: `inbox` and a user's name are ids
/// only where the catalog has a parameter.
/// Built whole in init and only read afterwards, so it can be shared between threads.
final class TemplateTree: @unchecked Sendable {
    private final class Node {
        var children: [String: Node] = [:]
        /// The template keys ending here.
        var key: String?
    }

    private let root = Node()

    init(keys: some Sequence<String>) {
        for key in keys {
            var node = root
            for segment in key.split(separator: "/").map(String.init) {
                if let child = node.children[segment] {
                    node = child
                } else {
                    let child = Node()
                    node.children[segment] = child
                    node = child
                }
            }
            node.key = key
        }
    }

    /// The template a request's segments meet, and how; `users/{me}` for a delegated call on the
    /// signed-in user is also tried as `/me`.
    func match(_ path: RequestPath, userId: String?) -> (template: String, kind: GraphCall.MatchKind)? {
        if let userId, path.segments.count >= 2, path.segments[0] == "users", path.segments[1] == userId.lowercased(),
           let key = find(["me"] + path.segments.dropFirst(2)) {
            return (key, .meAlias)
        }
        if let key = find(path.segments[...]) { return (key, .exact) }
        if let dollar = path.segments.firstIndex(where: { $0.hasPrefix("$") }), dollar > 0,
           let key = find(path.segments[..<dollar]) {
            return (key, .dollarStripped)
        }
        return nil
    }

    private func find(_ segments: [String]) -> String? {
        find(segments[...])
    }

    private func find(_ segments: ArraySlice<String>) -> String? {
        walk(root, segments)
    }

    private func walk(_ node: Node, _ segments: ArraySlice<String>) -> String? {
        guard let segment = segments.first else { return node.key }
        let rest = segments.dropFirst()
        if let child = node.children[segment], let key = walk(child, rest) { return key }
        let parameter = segment.hasSuffix(":") ? "{id}:" : "{id}"
        if let child = node.children[parameter], let key = walk(child, rest) { return key }
        if let child = node.children["..."] {
            for taken in 1...segments.count {
                if let key = walk(child, segments.dropFirst(taken)) { return key }
            }
        }
        return nil
    }
}
