import GRDB

/// A permission found by `searchPermissions`, best match first.
public struct PermissionSearchHit: Sendable, Codable, Equatable, FetchableRecord {
    public var permission: String
    public var kind: PermissionKind
    public var resourceAppId: String
    public var permissionId: String?
    public var requiresAdminConsent: Bool?
    public var privilegeLevel: Int?
    public var displayName: String?
    /// SQLite's bm25 score: lower is better.
    public var rank: Double
}

/// What `searchPermissions` found: the best hits, at most the limit, and how many matched in all.
public struct PermissionSearchResult: Sendable, Equatable {
    public var hits: [PermissionSearchHit]
    public var matchCount: Int
}

extension AppDatabase {
    /// Full-text search (FTS5, ranked by bm25) over the current catalog's names, the names split into words,
    /// display names and descriptions. Every word must match; the last one may be the start of a word.
    /// The user's text is never passed as FTS syntax: it is cut into words and each is quoted.
    public func searchPermissions(_ text: String, kind: PermissionKind? = nil, requiresAdminConsent: Bool? = nil,
                                  limit: Int = 20) throws -> PermissionSearchResult {
        let words = NameWords.split(text).map { $0.lowercased() }
        guard !words.isEmpty else { return PermissionSearchResult(hits: [], matchCount: 0) }
        let match = words.enumerated().map { "\"\($0.element)\"" + ($0.offset == words.count - 1 ? "*" : "") }.joined(separator: " ")
        // The window count is taken before LIMIT: the total, so the command can say how many it left out.
        // bm25 cannot sit beside a window function, hence the materialized CTE.
        let rows = try writer.read { db in
            try Row.fetchAll(db, sql: """
                WITH hit AS MATERIALIZED (
                    SELECT permission, kind, resourceAppId, permissionId, requiresAdminConsent, privilegeLevel,
                           substr(displayName, 1, instr(displayName || char(10), char(10)) - 1) AS displayName,
                           bm25(permissionSearch, 10.0, 10.0, 4.0, 1.0) AS rank
                    FROM permissionSearch
                    WHERE permissionSearch MATCH ? AND (? IS NULL OR kind = ?) AND (? IS NULL OR requiresAdminConsent = ?))
                SELECT *, count(*) OVER () AS matchCount FROM hit
                ORDER BY rank, length(permission), permission, kind
                LIMIT ?
                """, arguments: [match, kind?.rawValue, kind?.rawValue, requiresAdminConsent, requiresAdminConsent, limit])
        }
        return PermissionSearchResult(hits: try rows.map(PermissionSearchHit.init(row:)), matchCount: rows.first?["matchCount"] ?? 0)
    }
}
