import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

/// `--fail-on` and the day exceptions are checked against, shared by `report` and `diff tenant`.
struct GateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Exit 1 when a holding matches RULE and no valid policy exception covers it (repeatable): "
                               + FailOnRule.choices + ". Quote risk>=... in a shell.", valueName: "RULE"))
    var failOn: [String] = []

    @Option(help: ArgumentHelp("The day policy exceptions are checked against (default: today, UTC); valid through their expiry date.",
                               valueName: "YYYY-MM-DD"))
    var today: String?

    /// Called first in run(), not from validate(): a bad date is one line, like every other input error, and
    /// the database is not opened.
    func check() throws {
        if let today, AsOfDate.validated(today) == nil {
            throw UsageError("--today \(today): expected a date written YYYY-MM-DD")
        }
        _ = try rules()
    }

    /// The --fail-on rules, each once, in the order given; an unknown one is a one-line usage error.
    func rules() throws -> [FailOnRule] {
        var rules: [FailOnRule] = []
        for text in failOn {
            guard let rule = FailOnRule(text) else {
                throw UsageError("--fail-on \(text): expected one of tier0, tier1, tier2, risk>=low|medium|high|critical, new-admin-consent, "
                                 + "third-party-admin-consent, third-party-application-role")
            }
            if !rules.contains(rule) { rules.append(rule) }
        }
        return rules
    }

    func classifier(_ database: AppDatabase) throws -> RiskClassifier {
        try RiskClassifier.load(database, today: today ?? AsOfDate.today())
    }

    /// Notes the holdings valid exceptions let pass, then fails with exactly the ones that failed.
    func enforce(on holdings: some Collection<PermissionHolding>, quiet: Bool) throws {
        let rules = try rules()
        guard !rules.isEmpty else { return }
        let gate = Gate(Array(holdings), rules: rules)
        for note in gate.exceptedNotes { Console.note(note, quiet: quiet) }
        if !gate.passed { throw GateFailure(message: gate.failureMessage) }
    }
}
