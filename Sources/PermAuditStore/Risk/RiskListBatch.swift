/// What one risk file contributes: a list's entries, or a policy's rules and exceptions, with provenance.
public struct RiskListBatch: Sendable {
    public var source: RiskSource
    public var asOf: String
    public var fileName: String
    public var fileSha256: String
    public var entries: [RiskEntry]
    public var policy: RiskPolicy

    public init(source: RiskSource, asOf: String, fileName: String, fileSha256: String,
                entries: [RiskEntry] = [], policy: RiskPolicy = RiskPolicy()) {
        self.source = source
        self.asOf = asOf
        self.fileName = fileName
        self.fileSha256 = fileSha256
        self.entries = entries
        self.policy = policy
    }

    public var entryCount: Int { entries.count + policy.rules.count + policy.exceptions.count }

    /// Depends on the content only: the same entries in another file layout or order hash alike.
    var contentHash: String {
        let lines = entries.map(\.contentLine) + policy.rules.enumerated().map { "\($0)\u{1F}\($1.contentLine)" }
            + policy.exceptions.map(\.contentLine)
        return SHA256.hex(lines.sorted().joined(separator: "\n"))
    }
}
