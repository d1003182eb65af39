/// One app's last sign-ins from the servicePrincipalSignInActivities report (dates and times, ISO 8601).
public struct SignInActivity: Sendable, Equatable {
    public var appId: String
    public var lastSignIn: String?
    public var delegatedClient: String?
    public var delegatedResource: String?
    public var applicationClient: String?
    public var applicationResource: String?

    public init(appId: String, lastSignIn: String?, delegatedClient: String?, delegatedResource: String?,
                applicationClient: String?, applicationResource: String?) {
        self.appId = appId
        self.lastSignIn = lastSignIn
        self.delegatedClient = delegatedClient
        self.delegatedResource = delegatedResource
        self.applicationClient = applicationClient
        self.applicationResource = applicationResource
    }

    /// When the app last signed in as a client in the way a permission of this kind is used: with a user
    /// (delegated) or alone (application).
    public func lastClientSignIn(application: Bool) -> String? {
        application ? applicationClient : delegatedClient
    }
}

/// One import of the report.
public struct SignInBatch: Sendable {
    public var fileSetHash: String
    public var asOf: String
    public var apps: [SignInActivity]

    public init(fileSetHash: String, asOf: String, apps: [SignInActivity]) {
        self.fileSetHash = fileSetHash
        self.asOf = asOf
        self.apps = apps
    }
}

/// What a sign-in report's import stored: its id, and false when the same content was imported before.
public struct SignInImportOutcome: Sendable, Equatable {
    public var id: Int64
    public var created: Bool
    public var apps: Int
}
