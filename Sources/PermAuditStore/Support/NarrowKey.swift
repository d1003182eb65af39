/// A stored key as the 32 bits an import holds keys in (versions, ids, scope sets, permissions: millions of
/// them while a two-million-grant export is stored). A key past them stops the import rather than wrap.
func narrowKey(_ key: Int64, in table: String) throws -> UInt32 {
    guard let narrow = UInt32(exactly: key) else { throw StoreError.keyOutOfRange(table: table, key: key) }
    return narrow
}
