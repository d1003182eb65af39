/// A mistake in what the user asked for, with the fix in the message. Exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String

    init(_ message: String) {
        description = message
    }
}
