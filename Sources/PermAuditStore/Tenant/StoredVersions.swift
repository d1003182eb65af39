import GRDB

/// A tenant's stored versions of one collection, held in memory for the length of an import: each exported
/// object finds its version by content digest without a query, and the import learns which versions the
/// tenant's latest snapshot held (their presence runs are open) and which this export holds.
struct StoredVersions {
    let collection: String
    /// The table of the collection's versions: grants have their own since migration 0025.
    let table: String
    /// Ascending, with each version's digest, id's hash, grant keys (grants) and flags at the same position.
    /// Keys are held as 32 bits.
    private var keys: [UInt32] = []
    private var digests: [ContentDigest] = []
    private var idHashes: [UInt32] = []
    private var scopeSets: [UInt32] = []
    private var clients: [UInt32] = []
    private var resources: [UInt32] = []
    private var users: [UInt32] = []
    /// The elements the versions were last read from, by version key.
    private var remembered: StoredElements.Remembered
    private(set) var isOpen: [Bool] = []
    private(set) var isHeld: [Bool] = []
    /// Positions by digest, for the lookup: made when first needed, so that a weekly import, whose first
    /// decoded object comes once the export's reader has the known elements, makes it while the reader reads.
    private var byDigest: DigestTable?
    /// Keys from here on are versions this import added.
    let firstNewKey: Int64
    /// False for what stands for the collection until it is loaded.
    private(set) var isLoaded = true
    /// The version this export holds for each id, for the ids of decoded elements and of versions back from
    /// older snapshots (TenantSink.holdKnown says why the others need not be entered).
    var heldIds = HeldIds()
    /// How many of the versions the latest snapshot held.
    private(set) var openCount = 0

    /// Read with a small page cache, the open runs too: the scans would otherwise fill the import's large one
    /// with pages that the rest of the import does not need (the runs' index alone took 20 MB of a
    /// two-million-grant weekly import's, which went over its 300 MB).
    init(_ db: Database, tenantId: String, collection: String, remembered: StoredElements.Remembered = .init()) throws {
        self.collection = collection
        self.remembered = remembered
        table = Self.table(of: collection)
        firstNewKey = (try Int64.fetchOne(db, sql: "SELECT max(versionKey) FROM \(table)") ?? 0) + 1
        let tenantKey = try TenantKey.existing(db, tenantId: tenantId)
        reserve(Int(firstNewKey - 1))
        try db.withCache(mainKiB: 2048, tempKiB: 2048) {
            if collection == "oauth2PermissionGrant" { try readGrants(db, tenantKey: tenantKey) } else { try read(db, tenantId: tenantId) }
            isOpen = Array(repeating: false, count: keys.count)
            isHeld = isOpen
            if let tenantKey { try readOpen(db, tenantKey: tenantKey) }
        }
        // The ids entered are those of decoded elements and of versions back from older snapshots: a weekly
        // export's few changes (a first import's, or another format's, grow the table as they come).
        heldIds = HeldIds(expected: max(1024, openCount / 64))
    }

    /// No versions: what stands for a collection until it is loaded.
    init(unloaded collection: String) {
        self.collection = collection
        table = Self.table(of: collection)
        firstNewKey = 1
        remembered = .init()
        isLoaded = false
    }

    /// Which versions the latest snapshot held: their runs are open.
    private mutating func readOpen(_ db: Database, tenantKey: Int64) throws {
        let open = try Int64.fetchCursor(db, sql: "SELECT versionKey FROM \(collection)Run WHERE tenantKey = ? AND lastDay = ?",
                                         arguments: [tenantKey, PresenceRuns.open])
        var previous = -1
        while let key = try open.next() {
            guard let position = position(ofKey: key, after: previous) else { continue }
            (isOpen[position], openCount, previous) = (true, openCount + 1, position)
        }
    }

    /// Room for every version stored, the tenant's and any other's: the arrays never grow (growing, each
    /// took new memory and copied itself a dozen times, and the kernel zeroed every new page), and the room
    /// other tenants' versions would take is never touched, so it takes no memory.
    private mutating func reserve(_ count: Int) {
        keys.reserveCapacity(count)
        digests.reserveCapacity(count)
        idHashes.reserveCapacity(count)
        guard collection == "oauth2PermissionGrant" else { return }
        for array in [\Self.scopeSets, \.clients, \.resources, \.users] { self[keyPath: array].reserveCapacity(count) }
    }

    static func table(of collection: String) -> String {
        collection == "oauth2PermissionGrant" ? "oauth2PermissionGrantVersion" : collection
    }

    private mutating func read(_ db: Database, tenantId: String) throws {
        try db.forEachRow(sql: "SELECT versionKey, contentHash, id FROM \(table) WHERE tenantId = ? ORDER BY versionKey",
                          arguments: [tenantId]) { row in
            let key = row.int64(0)
            guard let digest = row.contentDigest(1) else { throw StoreError.malformedContentHash(collection: collection, versionKey: key) }
            keys.append(try narrowKey(key, in: table))
            digests.append(digest)
            idHashes.append(HeldIds.hash(bytes: row.textBytes(2)))
        }
    }

    /// Grants keep their digest as four integers (migration 0025), and their keys, which the holdings of a
    /// grant taken from a known element are counted by.
    private mutating func readGrants(_ db: Database, tenantKey: Int64?) throws {
        guard let tenantKey else { return }
        try db.forEachRow(sql: """
            SELECT versionKey, digest0, digest1, digest2, digest3, scopeSetKey, clientKey, resourceKey, principalKey, id
            FROM oauth2PermissionGrantVersion WHERE tenantKey = ? ORDER BY versionKey
            """, arguments: [tenantKey]) { row in
            keys.append(try narrowKey(row.int64(0), in: table))
            digests.append(row.contentDigest(words: 1))
            scopeSets.append(try narrowKey(row.int64(5), in: "scopeSet"))
            clients.append(try narrowKey(row.int64(6), in: "tenantObject"))
            resources.append(try narrowKey(row.int64(7), in: "tenantObject"))
            users.append(try narrowKey(row.int64(8), in: "tenantUser"))  // NULL reads as 0: no user
            idHashes.append(HeldIds.hash(bytes: row.textBytes(9)))
        }
    }

    func key(at position: Int) -> Int64 { Int64(keys[position]) }

    func digest(at position: Int) -> ContentDigest { digests[position] }

    func idHash(at position: Int) -> UInt32 { idHashes[position] }

    /// Whether the version at this position was last read from this element.
    func remembers(_ element: ElementDigest, at position: Int) -> Bool {
        remembered.element(ofVersion: key(at: position)) == element.digest
    }

    /// A stored grant version's keys, for the holdings.
    func grantKeys(at position: Int) -> GrantKeys {
        GrantKeys(client: clients[position], resource: resources[position], user: users[position], scopeSet: scopeSets[position])
    }

    /// The position of the version with this content, if it is stored.
    mutating func position(of digest: ContentDigest) -> Int? {
        if byDigest == nil { byDigest = DigestTable(digests) }
        return byDigest!.position(of: digest, in: digests)
    }

    /// The position of the version with this key; the one after `previous` is tried first (known elements
    /// come in key order).
    func position(ofKey key: Int64, after previous: Int) -> Int? {
        if previous + 1 < keys.count, Int64(keys[previous + 1]) == key { return previous + 1 }
        return position(ofKey: key)
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

    /// Frees what finding versions took (digests, tables, ids), once the export is read: the keys and flags
    /// stay, for the holdings and the presence.
    mutating func releaseLookups() {
        (digests, idHashes, byDigest, heldIds, remembered) = ([], [], nil, HeldIds(), .init())
    }

    /// The positions of the versions that the latest snapshot held and this export holds again.
    func forEachHeldAgain(_ body: (Int) throws -> Void) rethrows {
        for position in keys.indices where isHeld[position] && isOpen[position] { try body(position) }
    }

    /// The keys of each grant version this export holds, in key order.
    func forEachHeldGrant(_ body: (GrantKeys) throws -> Void) rethrows {
        for position in keys.indices where isHeld[position] { try body(grantKeys(at: position)) }
    }

    /// The keys of each grant version whose presence this export changes, and whether this export holds it (else
    /// the latest snapshot did).
    func forEachGrantComingOrGoing(_ body: (GrantKeys, _ held: Bool) throws -> Void) rethrows {
        for position in keys.indices where isHeld[position] != isOpen[position] { try body(grantKeys(at: position), isHeld[position]) }
    }

    /// The keys of each grant version of these pairs that the latest snapshot or this export holds, and which
    /// of them do.
    func forEachGrant(of pairs: ChangedPairs, _ body: (GrantKeys, _ open: Bool, _ held: Bool) throws -> Void) rethrows {
        for position in keys.indices where (isOpen[position] || isHeld[position]) && pairs.contains(client: clients[position], resource: resources[position]) {
            try body(grantKeys(at: position), isOpen[position], isHeld[position])
        }
    }

    mutating func release() {
        (keys, digests, idHashes, scopeSets, isOpen, isHeld, byDigest, heldIds) = ([], [], [], [], [], [], nil, HeldIds())
        (clients, resources, users, remembered) = ([], [], [], .init())
    }

    /// The versions of the latest snapshot that this export no longer holds.
    var closed: [Int64] { keys.indices.filter { isOpen[$0] && !isHeld[$0] }.map(key(at:)) }
    /// The older versions this export holds that the latest snapshot did not.
    var reopened: [Int64] { keys.indices.filter { isHeld[$0] && !isOpen[$0] }.map(key(at:)) }
    var held: [Int64] { keys.indices.filter { isHeld[$0] }.map(key(at:)) }
}
