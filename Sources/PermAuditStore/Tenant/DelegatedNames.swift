import GRDB

/// The delegated permission names of `heldPermission`, by key and by bytes. A scope set stores its values as
/// their keys, a JSON array, and its scope string only when the names joined by single spaces would not give
/// it back (migration 0029).
struct DelegatedNames {
    private var keys: [ByteText: Int64] = [:]
    private var names: [Int64: String] = [:]

    init(_ db: Database) throws {
        try db.forEachRow(sql: "SELECT permissionKey, name FROM heldPermission WHERE kind = 'delegated'") { row in
            let (key, name) = (row.int64(0), row.text(1) ?? "")
            (keys[ByteText(name)], names[key]) = (key, name)
        }
    }

    /// The name's key, stored first if the database has none.
    mutating func key(of name: String, insertingInto db: Database) throws -> Int64 {
        if let key = keys[ByteText(name)] { return key }
        // Bound whole: GRDB's String arguments end at a NUL, and a scope's name may hold one.
        try db.cachedStatement(sql: "INSERT INTO heldPermission (kind, name) VALUES ('delegated', ?)").run(direct: [.text(name)])
        let key = db.lastInsertedRowID
        (keys[ByteText(name)], names[key]) = (key, name)
        return key
    }

    /// The stored array of these names' keys; nil if one has none (no stored scope set names it).
    func storedKeys(of values: [String]) -> String? {
        var found: [Int64] = []
        found.reserveCapacity(values.count)
        for value in values {
            guard let key = keys[ByteText(value)] else { return nil }
            found.append(key)
        }
        return Self.stored(found)
    }

    /// The names of a stored `permissionKeys` array; nil if it is not an array of keys of delegated names.
    func names(ofStored permissionKeys: String) -> [String]? {
        guard let keys = Self.keys(ofStored: permissionKeys) else { return nil }
        var found: [String] = []
        found.reserveCapacity(keys.count)
        for key in keys {
            guard let name = names[key] else { return nil }
            found.append(name)
        }
        return found
    }

    /// A stored scope set's scope string: `scope` if it stores one, else its values' names joined by single
    /// spaces; nil if its keys are broken.
    func scope(stored scope: String?, permissionKeys: String) -> String? {
        if let scope { return scope }
        return names(ofStored: permissionKeys)?.joined(separator: " ")
    }

    /// The scope string a scope set stores: nil when its values joined by single spaces give it back.
    static func storedScope(_ scope: String, values: [String]) -> String? {
        guard !values.isEmpty else { return scope }
        // Compared byte by byte, without joining: a first import of a million scope strings asks a million times.
        var bytes = scope.utf8.makeIterator()
        for (index, value) in values.enumerated() {
            if index > 0 && bytes.next() != 0x20 { return scope }
            for byte in value.utf8 where bytes.next() != byte { return scope }
        }
        return bytes.next() == nil ? nil : scope
    }

    /// `[1,2,3]`, as SQLite's json_group_array writes it.
    static func stored(_ keys: [Int64]) -> String {
        var text = "["
        text.reserveCapacity(2 + 6 * keys.count)
        for (index, key) in keys.enumerated() {
            if index > 0 { text += "," }
            text += String(key)
        }
        return text + "]"
    }

    /// The keys of a stored array, or nil if it is not a JSON array of positive integers (read by bytes: a full
    /// count after the latest snapshot reads every stored scope set's).
    static func keys(ofStored text: String) -> [Int64]? {
        var keys: [Int64] = []
        var bytes = text.utf8.makeIterator()
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        func next() -> UInt8? {
            while let byte = bytes.next() { if !isSpace(byte) { return byte } }
            return nil
        }
        guard next() == UInt8(ascii: "[") else { return nil }
        var byte = next()
        if byte == UInt8(ascii: "]") { return next() == nil ? keys : nil }
        while true {
            var key: Int64 = 0
            var digits = 0
            // JSON's integers: no leading zero.
            guard byte != 0x30 else { return nil }
            while let digit = byte, digit >= 0x30, digit <= 0x39, digits < 18 {
                (key, digits, byte) = (key * 10 + Int64(digit - 0x30), digits + 1, bytes.next())
            }
            if let space = byte, isSpace(space) { byte = next() }
            guard digits > 0, key > 0 else { return nil }
            keys.append(key)
            switch byte {
            case UInt8(ascii: ","): byte = next()
            case UInt8(ascii: "]"): return next() == nil ? keys : nil
            default: return nil
            }
        }
    }
}
