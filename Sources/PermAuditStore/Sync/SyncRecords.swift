/// A sync run as stored: what `sync status` shows and what `--resume` continues.
public struct SyncRunRecord: Sendable, Equatable {
    public var id: Int64
    public var graphUrl: String
    public var tenantId: String
    public var asOf: String
    public var startedAt: String
    public var finishedAt: String?
    public var status: String
    public var snapshotKey: Int64?
    public var flagged: Bool
    public var problem: String?
    /// The process that runs (or ran) it, and its host: a `running` run whose process is gone was killed.
    public var pid: Int32?
    public var host: String?
}

/// One collection of a run, with its completeness record.
public struct SyncCollectionRecord: Sendable, Equatable {
    public var name: String
    public var firstUrl: String
    public var nextUrl: String?
    public var pages: Int
    public var received: Int
    public var uniqueReceived: Int?
    public var expectedStart: Int?
    public var expectedEnd: Int?
    public var reads: Int
    public var status: String
    public var problem: String?

    public init(name: String, firstUrl: String, nextUrl: String?, pages: Int = 0, received: Int = 0, uniqueReceived: Int? = nil,
                expectedStart: Int? = nil, expectedEnd: Int? = nil, reads: Int = 1, status: String = "reading", problem: String? = nil) {
        self.name = name
        self.firstUrl = firstUrl
        self.nextUrl = nextUrl
        self.pages = pages
        self.received = received
        self.uniqueReceived = uniqueReceived
        self.expectedStart = expectedStart
        self.expectedEnd = expectedEnd
        self.reads = reads
        self.status = status
        self.problem = problem
    }
}

import Foundation

/// A staged page: which collection, its place, Graph's bytes.
public struct SyncPageRecord: Sendable {
    public var collection: String
    public var pageNumber: Int
    public var itemCount: Int
    public var body: Data
}
