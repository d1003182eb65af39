extension Array {
    /// Stably sorted by a key computed once per element. The sort moves and compares only keys: each copy
    /// of a large struct such as PermissionHolding retains and releases every one of its strings, which
    /// took most of the time of a 60,000-row sort by comparator.
    @inlinable
    public func sorted<Key: Comparable>(byKey key: (Element) throws -> Key) rethrows -> [Element] {
        let keys = try map(key)
        return keys.indices.sorted { keys[$0] < keys[$1] }.map { self[$0] }
    }
}

/// Text values ranked in SQLite's default order (BINARY: by UTF-8 bytes; NULL first, rank 0), so that rows
/// can be sorted by integers as an ORDER BY on the text would sort them.
public struct TextRanks: Sendable {
    private let ranks: [String: Int]

    public init(_ values: some Sequence<String?>) {
        let sorted = Set(values.compactMap { $0 }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        ranks = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0 + 1) })
    }

    public subscript(_ value: String?) -> Int {
        value.flatMap { ranks[$0] } ?? 0
    }
}
