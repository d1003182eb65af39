/// A tenant export to record, streamed: `write` hands its objects to the sink one at a time, inside the
/// import's transaction.
public struct TenantStream {
    public var tenantId: String
    public var asOf: String
    /// sha256 over the sorted sha256 of the export's files: equal when the same files are imported again.
    /// Asked for only when it decides something (a snapshot of that date is stored) and when the snapshot is
    /// written, so that it can be worked out while the import loads what it needs (half a second of 450 MB).
    public var fileSetHash: () throws -> String
    /// Given the elements the tenant's stored versions were read from, as soon as they are loaded and before
    /// `write`: the export's reader, which waits for them, can go on while the import loads the rest.
    public var elementsLoaded: (StoredElements) -> Void
    public var write: (TenantSink) throws -> Void

    public init(tenantId: String, asOf: String, fileSetHash: @escaping () throws -> String,
                elementsLoaded: @escaping (StoredElements) -> Void = { _ in }, write: @escaping (TenantSink) throws -> Void) {
        self.tenantId = tenantId
        self.asOf = asOf
        self.fileSetHash = fileSetHash
        self.elementsLoaded = elementsLoaded
        self.write = write
    }
}

/// A sum of SHA-256 digests modulo 2^256: the same for the same set of objects in any order.
struct MultisetHash {
    private var limbs: [UInt64] = [0, 0, 0, 0]

    /// 64 hexadecimal digits: what `add(digest:)` takes.
    static func isDigest(_ text: String) -> Bool { ContentDigest(hex: text) != nil }

    /// Adds a SHA-256 digest written as 64 hexadecimal digits (`isDigest`).
    mutating func add(digest hex: String) {
        guard let digest = ContentDigest(hex: hex) else { preconditionFailure("not a SHA-256 digest: \(hex)") }
        add(digest)
    }

    mutating func add(_ digest: ContentDigest) {
        let words = [digest.words.0, digest.words.1, digest.words.2, digest.words.3]
        var carry: UInt64 = 0
        for limb in (0..<4).reversed() {
            let (sum, overflow1) = limbs[limb].addingReportingOverflow(words[limb])
            let (total, overflow2) = sum.addingReportingOverflow(carry)
            limbs[limb] = total
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
    }

    var hex: String {
        limbs.map { let text = String($0, radix: 16); return String(repeating: "0", count: 16 - text.count) + text }.joined()
    }
}
