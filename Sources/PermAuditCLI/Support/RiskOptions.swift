import ArgumentParser
import PermAuditReport
import PermAuditStore
import PermAuditSync

extension RiskLevel: ExpressibleByArgument {}

extension FailOnRule: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// `--fail-on` and the day exceptions are checked against, shared by `report` and `diff tenant`.
struct GateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Exit 1 when a holding matches RULE and no valid policy exception covers it (repeatable): "
                               + FailOnRule.choices + ". Quote risk>=... in a shell.", valueName: "RULE"))
    var failOn: [FailOnRule] = []

    @Option(help: ArgumentHelp("The day policy exceptions are checked against (default: today, UTC); valid through their expiry date.",
                               valueName: "YYYY-MM-DD"))
    var today: String?

    func validate() throws {
        if let today, AsOfDate.validated(today) == nil {
            throw ValidationError("--today \(today): expected a date written YYYY-MM-DD")
        }
    }

    func classifier(_ database: AppDatabase) throws -> RiskClassifier {
        try RiskClassifier.load(database, today: today ?? RiskClassifier.todayUTC())
    }

    /// Notes the holdings valid exceptions let pass, then fails with exactly the ones that failed.
    func enforce(on holdings: [PermissionHolding], quiet: Bool) throws {
        guard !failOn.isEmpty else { return }
        let gate = Gate(holdings, rules: failOn)
        for note in gate.exceptedNotes { Console.note(note, quiet: quiet) }
        if !gate.passed { throw GateFailure(message: gate.failureMessage) }
    }
}

/// Holdings matched a --fail-on rule: exit code 1, the message listing them on stderr.
struct GateFailure: Error {
    var message: String
}
