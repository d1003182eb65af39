/// A tenant export to record, streamed: `write` hands its objects to the sink one at a time, inside the
/// import's transaction, and returns the tenant id (given, or read from the export's organization object).
public struct TenantStream {
    /// The tenant when the user named it (`--tenant`); otherwise the export's organization object names it.
    public var givenTenantId: String?
    public var asOf: String
    /// sha256 over the sorted sha256 of the export's files: equal when the same files are imported again.
    public var fileSetHash: String
    public var write: (TenantSink) throws -> String

    public init(givenTenantId: String?, asOf: String, fileSetHash: String, write: @escaping (TenantSink) throws -> String) {
        self.givenTenantId = givenTenantId
        self.asOf = asOf
        self.fileSetHash = fileSetHash
        self.write = write
    }
}

/// A sum of SHA-256 digests modulo 2^256: the same for the same set of objects in any order.
struct MultisetHash {
    private var limbs: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ content: String) {
        let hex = Array(SHA256.hex(content).utf8)
        var carry: UInt64 = 0
        for limb in (0..<4).reversed() {
            let word = UInt64(String(decoding: hex[limb * 16..<limb * 16 + 16], as: UTF8.self), radix: 16)!
            let (sum, overflow1) = limbs[limb].addingReportingOverflow(word)
            let (total, overflow2) = sum.addingReportingOverflow(carry)
            limbs[limb] = total
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
        }
    }

    var hex: String {
        limbs.map { let text = String($0, radix: 16); return String(repeating: "0", count: 16 - text.count) + text }.joined()
    }
}
