import PermAuditStore

/// Reads a tenant export's files in order and sends their objects, decoded and hashed, in batches: the
/// import's producer, on a thread of its own while the sink writes to the database on another.
struct TenantExportReader: Sendable {
    enum Event: Sendable {
        /// Objects to write, and how far the reading had got when they were sent.
        case records([TenantRecord], ImportProgress)
        /// Elements found in the known elements: their indexes there, in one collection, and how far the
        /// reading had got.
        case known(KnownElements.Collection, [Int32], ImportProgress)
        /// A file read to its end: its number in `files`, its element count, whether it was NDJSON.
        case fileRead(index: Int, elements: Int, isNDJSON: Bool)
        /// An element left out (with `skipInvalid`): its error line.
        case skipped(String)
    }

    let files: [(source: InputSource, collection: TenantCollection)]
    let sizes: [Int]
    /// Leave out an element that does not decode, rather than fail the import (the file's structure is checked before).
    var skipInvalid = false

    /// What became of one element: read (decoded or known), left out (with `skipInvalid`), or the import stopped.
    private enum Step {
        case read, skipped, stop
    }

    private static let batchSize = 1000

    /// Known elements are sent in batches of a quarter of the stored ones (at least the usual size): the
    /// export feed's four places then hold them all, and the reader goes on while the import loads the grant
    /// versions (at two million grants, batches of a quarter of a million left it waiting half a second). A
    /// file's first batch is the usual size: it sets the import loading them while the reader reads on.
    private static func knownBatchSize(_ stored: StoredElements) -> Int {
        max(batchSize, stored.count / 4 + 1)
    }

    /// Hands each event to `deliver`, stopping early when it returns false; `starting` learns each file's
    /// collection before its first event. `known` gives the elements the database has stored versions of
    /// (waiting until the import has loaded them; nil when the import stopped meanwhile): a service principal,
    /// a grant or an app role assignment found there is sent as its index there, not decoded.
    func read(starting: (TenantCollection) -> Void = { _ in }, known: () -> StoredElements? = { StoredElements.none },
              _ deliver: (Event) throws -> Bool) throws {
        let totalBytes = sizes.reduce(0, +)
        var objects = 0, bytesDone = 0
        var knownElements: KnownElements?
        var knownBatchSize = Self.batchSize
        for (index, file) in files.enumerated() {
            starting(file.collection)
            let knownCollection = Self.knownCollection(file.collection)
            if knownCollection != nil && knownElements == nil {
                guard let stored = known() else { return }
                knownElements = KnownElements(stored)  // its tables built on this thread, not the database's
                knownBatchSize = Self.knownBatchSize(stored)
            }
            let reader = try file.source.reader()
            var elements = 0
            var batch: [TenantRecord] = []
            var knownBatch: [Int32] = []
            var previous: Int32?
            var knownSent = false
            func flush(_ progress: ImportProgress) throws -> Bool {
                defer {
                    (batch, knownBatch) = ([], [])
                    // Made at its size: grown from empty, each batch would free large blocks again.
                    if knownCollection != nil { knownBatch.reserveCapacity(knownBatchSize) }
                }
                // One event where one does: known batches are made to fill the channel's few places.
                if let knownCollection, !knownBatch.isEmpty {
                    knownSent = true
                    guard try deliver(.known(knownCollection, knownBatch, progress)) else { return false }
                    if batch.isEmpty { return true }
                }
                return try deliver(.records(batch, progress))
            }
            while let step = try reader.withNext({ bytes, element -> Step in
                let digest = knownCollection.map { _ in ElementDigest(of: bytes) }
                if let knownCollection, let digest, let found = knownElements?.index(of: digest, in: knownCollection, after: previous) {
                    knownBatch.append(found)
                    previous = found
                    objects += 1
                    return .read
                }
                let decoded: [TenantObject]
                do {
                    decoded = try TenantElementDecoder.objects(element(), collection: file.collection, file: file.source.name)
                } catch let error as ImportError where skipInvalid {
                    return try deliver(.skipped(error.description)) ? .skipped : .stop
                }
                // An element that made several objects (a service principal with inlined assignments) is not remembered.
                let element = decoded.count == 1 ? digest : nil
                for object in decoded {
                    if let record = object.record(element: element) { batch.append(record) }
                    objects += 1
                }
                return .read
            }) {
                guard step != .stop else { return }
                guard step == .read else { continue }
                elements += 1
                if batch.count >= Self.batchSize || knownBatch.count >= (knownSent ? knownBatchSize : Self.batchSize) {
                    let progress = ImportProgress(objects: objects, bytesRead: bytesDone + reader.bytesRead, totalBytes: totalBytes)
                    guard try flush(progress) else { return }
                }
            }
            bytesDone += sizes[index]
            let progress = ImportProgress(objects: objects, bytesRead: bytesDone, totalBytes: totalBytes)
            guard try flush(progress),
                  try deliver(.fileRead(index: index, elements: elements, isNDJSON: reader.layout == .lines)) else { return }
        }
    }

    /// The collections whose elements may be known (migrations 0028 and 0032).
    private static func knownCollection(_ collection: TenantCollection) -> KnownElements.Collection? {
        switch collection {
        case .servicePrincipals: .servicePrincipals
        case .oauth2PermissionGrants: .grants
        case .appRoleAssignments: .assignments
        case .organization: nil
        }
    }
}
