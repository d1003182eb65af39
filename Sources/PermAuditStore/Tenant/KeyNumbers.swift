/// Numbers by integer key. Keys are dense (a table's INTEGER PRIMARY KEY), so the numbers are kept in an
/// array indexed by key, 4 bytes a key where a Dictionary took 25 (a tenant of two million grants each with
/// its own scope string had 76 MB of them); a key far beyond the keys held so far (a tenant whose scope sets
/// came after other tenants') goes to a Dictionary instead, so that a few high keys do not size the array.
struct KeyNumbers {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int32] = [:]
    private var count = 0

    subscript(key: Int64) -> Int32? {
        get {
            if key >= 0 && key < dense.count && dense[Int(key)] >= 0 { return dense[Int(key)] }
            // Most keys asked for and not held are in neither: no hashing when there is nothing to find.
            return sparse.isEmpty ? nil : sparse[key]
        }
        set {
            guard let newValue else { return }
            count += 1
            guard key >= 0 && (key < dense.count || key < 8 * Int64(count) + 65_536) else { return sparse[key] = newValue }
            if key >= dense.count { dense.append(contentsOf: repeatElement(-1, count: Int(key) + 1 - dense.count)) }
            dense[Int(key)] = newValue
        }
    }
}
