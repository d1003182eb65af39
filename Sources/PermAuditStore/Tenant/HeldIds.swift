/// The version an export holds for each id of one collection, to catch two different objects with one id.
/// Kept by a 32-bit hash of the id in an open-addressing table of 8-byte slots (a Dictionary of the same
/// would take three times as much: two million ids are 20 MB here), and by the id itself only for ids whose
/// hash another id had (a few hundred in two million), so that every repeat is still checked exactly against
/// the stored id. Ids are hashed and compared by their bytes, as the tables' unique indexes tell them apart.
struct HeldIds {
    /// 0 marks an empty slot; a hash of 0 is kept as 1 (a repeat it causes is checked exactly like any other).
    private var hashes: [UInt32] = []
    private var versions: [UInt32] = []
    private var count = 0
    private var colliding: [ByteText: Int64] = [:]
    /// The hashes of the ids in `colliding`.
    private var collidingHashes = Set<UInt32>()

    /// Sized for `expected` ids (the latest snapshot's count, for an export like it), so that the table does
    /// not grow, and hold its old and new slots at once, while the export streams.
    init(expected: Int = 0) {
        let capacity = expected * 5 / 4
        if capacity > 0 {
            hashes = Array(repeating: 0, count: capacity)
            versions = Array(repeating: 0, count: capacity)
        }
    }

    /// The version already held for this id; `storedId` reads a version's id back to tell a repeated id from
    /// another id with the same hash.
    func version(of id: String, storedId: (Int64) throws -> String) rethrows -> Int64? {
        try version(of: id, hash: Self.hash(id), storedId: storedId)
    }

    private func version(of id: String, hash: UInt32, storedId: (Int64) throws -> String) rethrows -> Int64? {
        if let version = colliding[ByteText(id)] { return version }
        guard !hashes.isEmpty else { return nil }
        var slot = Self.slot(hash, hashes.count)
        while hashes[slot] != 0 {
            if hashes[slot] == hash {
                let version = Int64(versions[slot])
                return try storedId(version).utf8.elementsEqual(id.utf8) ? version : nil
            }
            slot = slot + 1 == hashes.count ? 0 : slot + 1
        }
        return nil
    }

    /// Records the version held for an id that `version(of:)` found none for.
    mutating func hold(_ id: String, version: Int64) throws {
        try hold(hash: Self.hash(id), version: version, id: { id })
    }

    /// Whether a version other than `version` may be held for an id with this hash (`hash(bytes:)`): false
    /// rules it out without reading the id.
    func mayHoldOther(hash: UInt32, than version: Int64) -> Bool {
        guard !hashes.isEmpty else { return false }
        if collidingHashes.contains(hash) { return true }
        var slot = Self.slot(hash, hashes.count)
        while hashes[slot] != 0 {
            if hashes[slot] == hash { return Int64(versions[slot]) != version }
            slot = slot + 1 == hashes.count ? 0 : slot + 1
        }
        return false
    }

    /// Records a version taken from a known element, by its stored id's hash (`hash(bytes:)`), and returns the
    /// version already held for the same id, if any: two versions of one id in an export. `storedId` reads a
    /// version's id back, only when another id has the same hash.
    mutating func holdKnown(hash: UInt32, version: Int64, storedId: (Int64) throws -> String) throws -> Int64? {
        guard !hashes.isEmpty else {
            try hold(hash: hash, version: version, id: { try storedId(version) })
            return nil
        }
        var slot = Self.slot(hash, hashes.count)
        while hashes[slot] != 0 {
            if hashes[slot] == hash {
                let id = try storedId(version)
                if let other = try self.version(of: id, hash: hash, storedId: storedId) { return other }
                break
            }
            slot = slot + 1 == hashes.count ? 0 : slot + 1
        }
        try hold(hash: hash, version: version, id: { try storedId(version) })
        return nil
    }

    private mutating func hold(hash: UInt32, version: Int64, id: () throws -> String) throws {
        let narrow = try narrowKey(version, in: "version")
        if (count + 1) * 5 > hashes.count * 4 { grow() }
        var slot = Self.slot(hash, hashes.count)
        while hashes[slot] != 0 {
            if hashes[slot] == hash {
                colliding[ByteText(try id())] = version
                collidingHashes.insert(hash)
                return
            }
            slot = slot + 1 == hashes.count ? 0 : slot + 1
        }
        hashes[slot] = hash
        versions[slot] = narrow
        count += 1
    }

    /// Half as many slots again (at least 1,024): the table stays under 80% full.
    private mutating func grow() {
        let (oldHashes, oldVersions) = (hashes, versions)
        let capacity = max(1024, oldHashes.count * 3 / 2)
        hashes = Array(repeating: 0, count: capacity)
        versions = Array(repeating: 0, count: capacity)
        for (hash, version) in zip(oldHashes, oldVersions) where hash != 0 {
            var slot = Self.slot(hash, capacity)
            while hashes[slot] != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            hashes[slot] = hash
            versions[slot] = version
        }
    }

    static func hash(_ id: String) -> UInt32 {
        var id = id
        return id.withUTF8 { hash(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// An id's hash from its UTF-8 bytes (as SQLite gives a stored id's), with the process's random seed.
    static func hash(bytes: UnsafeRawBufferPointer) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        let wide = UInt64(bitPattern: Int64(hasher.finalize()))
        let hash = UInt32(truncatingIfNeeded: wide ^ wide >> 32)
        return hash == 0 ? 1 : hash
    }

    /// The hash scaled to the table (Lemire's multiply-shift: no power-of-two size needed).
    private static func slot(_ hash: UInt32, _ capacity: Int) -> Int {
        Int((UInt64(hash) * UInt64(capacity)) >> 32)
    }
}
