/// The version an export holds for each id of one collection, to catch two different objects with one id:
/// kept by a 64-bit hash of the id (a million ids in 16 MB), and by the id itself only for ids whose hash
/// another id had, so that every repeat is still checked exactly against the stored id.
struct HeldIds {
    private var byHash: [Int: Int64] = [:]
    private var colliding: [String: Int64] = [:]

    /// The version already held for this id; `storedId` reads a version's id back to tell a repeated id from
    /// another id with the same hash.
    func version(of id: String, storedId: (Int64) throws -> String) rethrows -> Int64? {
        if let version = colliding[id] { return version }
        guard let version = byHash[id.hashValue] else { return nil }
        return try storedId(version) == id ? version : nil
    }

    /// Records the version held for an id that `version(of:)` found none for.
    mutating func hold(_ id: String, version: Int64) {
        if byHash[id.hashValue] == nil {
            byHash[id.hashValue] = version
        } else {
            colliding[id] = version
        }
    }
}
