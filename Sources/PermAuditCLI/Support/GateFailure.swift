/// Holdings matched a --fail-on rule: exit code 1, the message listing them on stderr.
struct GateFailure: Error {
    var message: String
}
