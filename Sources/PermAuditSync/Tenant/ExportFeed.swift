import PermAuditStore

/// The export reader's thread, started as soon as the import has its files. Before the first app role
/// assignment, grant or service principal, it waits for the elements the database already holds (`provide`,
/// the first thing the import loads of the tenant), which it then need not decode. While it reads service
/// principals (the slowest objects to decode) and the sink has taken nothing, `aheadCapacity` batches may
/// wait; otherwise `capacity`.
/// The thread stops once the import is done with it, or when the feed is released unused (the same files
/// again, or a failure first).
final class ExportFeed {
    private let channel: BoundedChannel<TenantExportReader.Event>
    private let known: Handoff<StoredElements>
    private var started = false
    private var stopped = false
    /// Batches of 1,000 objects: most of a 50,000-app export's service principals.
    static let aheadCapacity = 32
    /// What waits otherwise. The memory a batch held once stays the process's: 32 batches of grants ahead
    /// took a two-million-grant weekly import from 293 to 320 MB, over its 300.
    static let capacity = 4

    init(_ reader: TenantExportReader) {
        let known = Handoff<StoredElements>()
        self.known = known
        channel = .producing(capacity: Self.aheadCapacity) { channel in
            try reader.read(starting: { if $0 != .servicePrincipals { channel.limit(to: Self.capacity) } }, known: known.wait, channel.send)
        }
    }

    /// The elements the tenant's stored versions were read from, once the import has loaded them.
    func provide(_ elements: StoredElements) {
        known.give(elements)
    }

    /// The next event; nil once the export is read. A feed is read once: a stopped feed would end at once
    /// and its caller would record an empty snapshot.
    func receive() throws -> TenantExportReader.Event? {
        precondition(!stopped, "an export feed is read once")
        // The reader limits the channel itself when it leaves service principals; this covers an export
        // whose service principals come last, read while nothing was taken.
        if !started {
            started = true
            channel.limit(to: Self.capacity)
        }
        return try channel.receive()
    }

    /// Stops the reader (a batch it is making is dropped) and waits for its thread to end.
    func stop() {
        guard !stopped else { return }
        stopped = true
        known.withdraw()
        channel.closeAndWait()
    }

    deinit { stop() }
}
