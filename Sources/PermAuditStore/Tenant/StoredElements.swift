/// The elements a tenant's stored versions were last read from, as the sink loaded them: handed to the thread
/// that reads the export, which makes them into `KnownElements` (their tables built there, not on the database's
/// thread).
public struct StoredElements: Sendable {
    let servicePrincipals: [ContentDigest]
    let grants: [ContentDigest]

    public static let none = StoredElements(servicePrincipals: [], grants: [])
}
