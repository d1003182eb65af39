import PermAuditStore

/// Reads a tenant export's files in order and sends their objects, decoded and hashed, in batches: the
/// import's producer, on a thread of its own while the sink writes to the database on another.
struct TenantExportReader: Sendable {
    enum Event: Sendable {
        /// Objects to write, and how far the reading had got when they were sent.
        case records([TenantRecord], ImportProgress)
        /// A file read to its end: its number in `files`, its element count, whether it was NDJSON.
        case fileRead(index: Int, elements: Int, isNDJSON: Bool)
        /// An element left out (with `skipInvalid`): its error line.
        case skipped(String)
    }

    let files: [(source: InputSource, collection: TenantCollection)]
    let sizes: [Int]
    /// Leave out an element that does not decode, rather than fail the import (the file's structure is checked before).
    var skipInvalid = false

    private static let batchSize = 1000

    /// Hands each event to `deliver`, stopping early when it returns false; `starting` learns each file's
    /// collection before its first event.
    func read(starting: (TenantCollection) -> Void = { _ in }, _ deliver: (Event) throws -> Bool) throws {
        let totalBytes = sizes.reduce(0, +)
        var objects = 0, bytesDone = 0
        for (index, file) in files.enumerated() {
            starting(file.collection)
            let reader = try file.source.reader()
            var elements = 0
            var batch: [TenantRecord] = []
            while let element = try reader.next() {
                let decoded: [TenantObject]
                do {
                    decoded = try TenantElementDecoder.objects(element, collection: file.collection, file: file.source.name)
                } catch let error as ImportError where skipInvalid {
                    guard try deliver(.skipped(error.description)) else { return }
                    continue
                }
                for object in decoded {
                    if let record = object.record { batch.append(record) }
                    objects += 1
                }
                elements += 1
                if batch.count >= Self.batchSize {
                    let progress = ImportProgress(objects: objects, bytesRead: bytesDone + reader.bytesRead, totalBytes: totalBytes)
                    guard try deliver(.records(batch, progress)) else { return }
                    batch = []
                }
            }
            bytesDone += sizes[index]
            let progress = ImportProgress(objects: objects, bytesRead: bytesDone, totalBytes: totalBytes)
            guard try deliver(.records(batch, progress)),
                  try deliver(.fileRead(index: index, elements: elements, isNDJSON: reader.layout == .lines)) else { return }
        }
    }
}
