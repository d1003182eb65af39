/// The aggregates of one import of activity-log files, ready to be stored.
public struct ActivityBatch: Sendable {
    public var fileSetHash: String
    public var formats: [String]
    public var tenantId: String?
    public var firstEventAt: String?
    public var lastEventAt: String?
    public var recordsRead: Int
    public var recordsDuplicate: Int
    public var calls: [GraphCall]
    /// Raw request URIs, only with `import --keep-request-uris`.
    public var requestUris: [RequestUri]

    /// A request URI as the log wrote it, under the call it was counted in.
    public struct RequestUri: Sendable, Hashable {
        public var appId: String
        public var scheme: GraphCall.Scheme
        public var method: String
        public var template: String
        public var uri: String

        public init(appId: String, scheme: GraphCall.Scheme, method: String, template: String, uri: String) {
            (self.appId, self.scheme, self.method, self.template, self.uri) = (appId, scheme, method, template, uri)
        }
    }

    public init(fileSetHash: String, formats: [String], tenantId: String?, firstEventAt: String?, lastEventAt: String?,
                recordsRead: Int, recordsDuplicate: Int, calls: [GraphCall], requestUris: [RequestUri] = []) {
        self.fileSetHash = fileSetHash
        self.formats = formats
        self.tenantId = tenantId
        self.firstEventAt = firstEventAt
        self.lastEventAt = lastEventAt
        self.recordsRead = recordsRead
        self.recordsDuplicate = recordsDuplicate
        self.calls = calls
        self.requestUris = requestUris
    }
}

/// What an activity import stored: a new import, or nothing when the same files were imported before.
public struct ActivityImportOutcome: Sendable, Equatable {
    public var importId: Int64
    public var created: Bool
    public var recordsRead: Int
    public var recordsDuplicate: Int
    public var aggregates: Int
    public var unmatchedTemplates: Int
    public var firstEventAt: String?
    public var lastEventAt: String?
}
