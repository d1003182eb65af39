import Foundation
import GRDB

/// The last answer of a public catalog source (`permaudit sync catalog`): what its next request sends as
/// validators, and the sha256 of the body last imported.
public struct CatalogFetchRecord: Sendable, Equatable {
    public var source: String
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var bodySha256: String
    public var checkedAt: String
    public var changedAt: String
}

extension AppDatabase {
    /// The source's record for this URL (a mirror's validators say nothing about another URL's).
    public func catalogFetch(source: String, url: String) throws -> CatalogFetchRecord? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM catalogFetch WHERE source = ? AND url = ?", arguments: [source, url]).map {
                CatalogFetchRecord(source: $0["source"], url: $0["url"], etag: $0["etag"], lastModified: $0["lastModified"],
                                   bodySha256: $0["bodySha256"], checkedAt: $0["checkedAt"], changedAt: $0["changedAt"])
            }
        }
    }

    /// Records an answer with a body: its validators, its sha256, and when it was last found changed.
    public func recordCatalogFetch(source: String, url: String, etag: String?, lastModified: String?, bodySha256: String) throws {
        let now = Self.timestamp()
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO catalogFetch (source, url, etag, lastModified, bodySha256, checkedAt, changedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, url) DO UPDATE SET etag = excluded.etag, lastModified = excluded.lastModified,
                    changedAt = CASE WHEN bodySha256 = excluded.bodySha256 THEN changedAt ELSE excluded.changedAt END,
                    bodySha256 = excluded.bodySha256, checkedAt = excluded.checkedAt
                """, arguments: [source, url, etag, lastModified, bodySha256, now, now])
        }
    }

    /// Records that the source was asked and had not changed (a 304).
    public func touchCatalogFetch(source: String, url: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE catalogFetch SET checkedAt = ? WHERE source = ? AND url = ?", arguments: [Self.timestamp(), source, url])
        }
    }

    private static func timestamp() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}
