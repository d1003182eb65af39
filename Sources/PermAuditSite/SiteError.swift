/// What stops a site from being written, with the fix in the message (the CLI maps it to exit code 2).
public struct SiteError: Error, CustomStringConvertible, Equatable {
    public var description: String

    init(_ message: String) {
        description = message
    }
}
