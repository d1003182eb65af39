import GRDB

/// A tenant's stored versions of one collection, held in memory for the length of an import: each exported
/// object finds its version by content digest without a query, and the import learns which versions the
/// tenant's latest snapshot held (their presence runs are open) and which this export holds.
struct StoredVersions {
    let collection: String
    /// The table of the collection's versions: grants have their own since migration 0025.
    let table: String
    /// Ascending, with each version's digest, scope set (grants) and flags at the same position. Keys are
    /// held as 32 bits: a tenant of two million grants keeps 46 bytes a version here. (A grant's other keys
    /// would take 12 bytes more, 24 MB at two million, which a churn import's peak cannot spare: they are
    /// looked up by id instead.)
    private var keys: [UInt32] = []
    private var digests: [ContentDigest] = []
    private var scopeSets: [UInt32] = []
    private(set) var isOpen: [Bool] = []
    private(set) var isHeld: [Bool] = []
    /// Positions by digest, for the lookup.
    private var byDigest = DigestTable([])
    /// Keys from here on are versions this import added.
    let firstNewKey: Int64
    /// The version this export holds for each id.
    var heldIds = HeldIds()
    /// How many of the versions the latest snapshot held.
    private(set) var openCount = 0

    /// Read with a small page cache: the scan would otherwise fill the import's large one with table pages
    /// that the rest of the import does not need.
    init(_ db: Database, tenantId: String, collection: String) throws {
        self.collection = collection
        table = Self.table(of: collection)
        firstNewKey = (try Int64.fetchOne(db, sql: "SELECT max(versionKey) FROM \(table)") ?? 0) + 1
        let tenantKey = try TenantKey.existing(db, tenantId: tenantId)
        try db.withCache(mainKiB: 2048, tempKiB: 2048) {
            if collection == "oauth2PermissionGrant" { try readGrants(db, tenantKey: tenantKey) } else { try read(db, tenantId: tenantId) }
        }
        keys = keys.compacted()
        digests = digests.compacted()
        scopeSets = scopeSets.compacted()
        isOpen = Array(repeating: false, count: keys.count)
        isHeld = isOpen
        byDigest = DigestTable(digests)
        if let tenantKey {
            let open = try Int64.fetchCursor(db, sql: "SELECT versionKey FROM \(collection)Run WHERE tenantKey = ? AND lastDay = ?",
                                             arguments: [tenantKey, PresenceRuns.open])
            while let key = try open.next() {
                if let position = position(ofKey: key) { isOpen[position] = true; openCount += 1 }
            }
        }
        heldIds = HeldIds(expected: openCount)
    }

    static func table(of collection: String) -> String {
        collection == "oauth2PermissionGrant" ? "oauth2PermissionGrantVersion" : collection
    }

    private mutating func read(_ db: Database, tenantId: String) throws {
        try db.forEachRow(sql: "SELECT versionKey, contentHash FROM \(table) WHERE tenantId = ? ORDER BY versionKey", arguments: [tenantId]) { row in
            let key = row.int64(0)
            guard let digest = row.contentDigest(1) else { throw StoreError.malformedContentHash(collection: collection, versionKey: key) }
            keys.append(try narrowKey(key, in: table))
            digests.append(digest)
        }
    }

    /// Grants keep their digest as four integers (migration 0025).
    private mutating func readGrants(_ db: Database, tenantKey: Int64?) throws {
        guard let tenantKey else { return }
        try db.forEachRow(sql: """
            SELECT versionKey, digest0, digest1, digest2, digest3, scopeSetKey FROM oauth2PermissionGrantVersion
            WHERE tenantKey = ? ORDER BY versionKey
            """, arguments: [tenantKey]) { row in
            keys.append(try narrowKey(row.int64(0), in: table))
            digests.append(row.contentDigest(words: 1))
            scopeSets.append(try narrowKey(row.int64(5), in: "scopeSet"))
        }
    }

    func key(at position: Int) -> Int64 { Int64(keys[position]) }

    /// A stored grant version's scope set.
    func scopeSetKey(at position: Int) -> Int64 { Int64(scopeSets[position]) }

    /// The position of the version with this content, if it is stored.
    func position(of digest: ContentDigest) -> Int? {
        byDigest.position(of: digest, in: digests)
    }

    func position(ofKey key: Int64) -> Int? {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if Int64(keys[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && Int64(keys[low]) == key ? low : nil
    }

    mutating func hold(_ position: Int) { isHeld[position] = true }

    mutating func release() {
        (keys, digests, scopeSets, isOpen, isHeld, byDigest, heldIds) = ([], [], [], [], [], DigestTable([]), HeldIds())
    }

    /// The versions of the latest snapshot that this export no longer holds.
    var closed: [Int64] { keys.indices.filter { isOpen[$0] && !isHeld[$0] }.map(key(at:)) }
    /// The older versions this export holds that the latest snapshot did not.
    var reopened: [Int64] { keys.indices.filter { isHeld[$0] && !isOpen[$0] }.map(key(at:)) }
    var held: [Int64] { keys.indices.filter { isHeld[$0] }.map(key(at:)) }
}

extension Array {
    /// A copy with no spare capacity: an array grown by appending can hold twice what it needs.
    func compacted() -> [Element] {
        [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            _ = buffer.initialize(fromContentsOf: self)
            initialized = count
        }
    }
}
