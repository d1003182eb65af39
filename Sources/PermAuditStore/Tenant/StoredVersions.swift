import GRDB

/// A tenant's stored versions of one collection, held in memory for the length of an import: each exported
/// object finds its version by content digest without a query, and the import learns which versions the
/// tenant's latest snapshot held (their presence runs are open) and which this export holds.
struct StoredVersions {
    let collection: String
    /// Ascending, with each version's digest, scope set (grants) and flags at the same position.
    private(set) var keys: [Int64] = []
    private var digests: [ContentDigest] = []
    private(set) var scopeSetKeys: [Int64] = []
    private(set) var isOpen: [Bool] = []
    private(set) var isHeld: [Bool] = []
    /// Positions in digest order, for the lookup.
    private var byDigest: [Int32] = []
    /// Keys from here on are versions this import added.
    let firstNewKey: Int64
    /// The version this export holds for each id.
    var heldIds = HeldIds()

    init(_ db: Database, tenantId: String, collection: String) throws {
        self.collection = collection
        firstNewKey = (try Int64.fetchOne(db, sql: "SELECT max(versionKey) FROM \(collection)") ?? 0) + 1
        let withScopeSets = collection == "oauth2PermissionGrant"
        let rows = try Row.fetchCursor(db, sql: """
            SELECT versionKey, contentHash\(withScopeSets ? ", scopeSetKey" : "") FROM \(collection)
            WHERE tenantId = ? ORDER BY versionKey
            """, arguments: [tenantId])
        while let row = try rows.next() {
            guard let digest = ContentDigest(hex: row[1]) else {
                throw StoreError.malformedContentHash(collection: collection, versionKey: row[0])
            }
            keys.append(row[0])
            digests.append(digest)
            if withScopeSets { scopeSetKeys.append(row[2]) }
        }
        isOpen = Array(repeating: false, count: keys.count)
        isHeld = isOpen
        let digests = digests
        byDigest = (0..<Int32(keys.count)).sorted { digests[Int($0)] < digests[Int($1)] }
        let open = try Int64.fetchCursor(db, sql: """
            SELECT versionKey FROM tenantPresence WHERE tenantId = ? AND collection = ? AND lastSeen = ?
            """, arguments: [tenantId, collection, PresenceRuns.open])
        while let key = try open.next() {
            if let position = position(ofKey: key) { isOpen[position] = true }
        }
    }

    /// The position of the version with this content, if it is stored.
    func position(of digest: ContentDigest) -> Int? {
        var low = 0, high = byDigest.count
        while low < high {
            let middle = (low + high) / 2
            if digests[Int(byDigest[middle])] < digest { low = middle + 1 } else { high = middle }
        }
        guard low < byDigest.count, digests[Int(byDigest[low])] == digest else { return nil }
        return Int(byDigest[low])
    }

    func position(ofKey key: Int64) -> Int? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? low : nil
    }

    mutating func hold(_ position: Int) { isHeld[position] = true }

    /// The versions of the latest snapshot that this export no longer holds.
    var closed: [Int64] { keys.indices.filter { isOpen[$0] && !isHeld[$0] }.map { keys[$0] } }
    /// The older versions this export holds that the latest snapshot did not.
    var reopened: [Int64] { keys.indices.filter { isHeld[$0] && !isOpen[$0] }.map { keys[$0] } }
    var held: [Int64] { keys.indices.filter { isHeld[$0] }.map { keys[$0] } }
}
