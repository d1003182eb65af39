import PermAuditStore

/// The outcome of `--fail-on`: the holdings that fail (matched, and not covered by a valid exception; an
/// expired exception covers nothing) and the ones a valid exception lets pass.
public struct Gate: Sendable, Equatable {
    public struct Finding: Sendable, Equatable {
        public var holding: PermissionHolding
        public var rules: [FailOnRule]
    }

    public var failed: [Finding]
    public var excepted: [Finding]

    /// `holdings` must be classified (see `RiskClassifier`).
    public init(_ holdings: [PermissionHolding], rules: [FailOnRule]) {
        var failed: [Finding] = [], excepted: [Finding] = []
        for holding in holdings {
            let matched = rules.filter { $0.matches(holding) }
            guard !matched.isEmpty else { continue }
            let finding = Finding(holding: holding, rules: matched)
            if holding.risk?.exceptionValid == true { excepted.append(finding) } else { failed.append(finding) }
        }
        self.failed = failed
        self.excepted = excepted
    }

    public var passed: Bool { failed.isEmpty }

    /// The failure message: a count, then exactly the holdings that failed, one a line.
    public var failureMessage: String {
        (["--fail-on: \(Plural.count(failed.count, "holding")) failed:"] + failed.map { "  " + Self.line($0) })
            .joined(separator: "\n")
    }

    /// One line per holding a valid exception let pass, with its expiry and owner.
    public var exceptedNotes: [String] {
        excepted.map { "excepted: " + Self.line($0) }
    }

    /// One line, whatever the names hold: a line break in an app's name shows as `\n` (SafeText), so it
    /// cannot forge a finding, or a workflow command on the stderr a CI runner reads.
    static func line(_ finding: Finding) -> String {
        let holding = finding.holding
        let app = (holding.clientDisplayName ?? holding.clientId) + " (" + (holding.clientAppId ?? holding.clientId) + ")"
        var text = finding.rules.map(\.description).joined(separator: ", ") + ": " + app + " holds "
            + (holding.permission ?? "role \(holding.permissionId ?? "?")") + " (\(holding.kind.rawValue), \(holding.consentType)) on "
            + (holding.resourceDisplayName ?? holding.resourceAppId ?? holding.resourceId)
        if let exception = holding.risk?.exception {
            text += holding.risk?.exceptionValid == true
                ? "; exception until \(exception.expires), owner \(exception.owner)"
                : "; exception EXPIRED \(exception.expires), owner \(exception.owner)"
        }
        return SafeText.line(text)
    }
}
