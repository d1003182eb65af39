import PermAuditStore

/// The export reader's thread, started as soon as the import has its files: it reads, decodes and hashes
/// while the import hashes the files and, inside the transaction, loads the tenant's stored versions (2.5 s
/// of a million-grant weekly import during which it used to wait). Up to `capacity` batches wait for the
/// sink. The thread stops once the import is done with it, or when the feed is released unused (the same
/// files again, or a failure first).
final class ExportFeed {
    private let channel: BoundedChannel<TenantExportReader.Event>
    private var stopped = false
    /// Batches of 1,000 objects: enough to read most of a 50,000-app export's service principals before the
    /// sink takes the first.
    static let capacity = 32

    init(_ reader: TenantExportReader) {
        channel = .producing(capacity: Self.capacity) { channel in try reader.read(channel.send) }
    }

    /// The next event; nil once the export is read.
    func receive() throws -> TenantExportReader.Event? {
        try channel.receive()
    }

    /// Stops the reader (a batch it is making is dropped) and waits for its thread to end.
    func stop() {
        guard !stopped else { return }
        stopped = true
        channel.closeAndWait()
    }

    deinit { stop() }
}
