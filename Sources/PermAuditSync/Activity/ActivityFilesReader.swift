import Foundation
import PermAuditStore

/// Reads activity-log files on several threads and hands their matched calls over in file order, so that
/// what a single thread would report (the first bad record, each file's count) is reported the same.
/// Reading, decoding and matching are most of an import's work; adding the calls up stays on the caller's
/// thread. Each thread holds a bounded number of batches, so memory does not grow with the files.
struct ActivityFilesReader {
    enum Event: Sendable {
        case calls([MatchedCall])
        /// A file read through: its export shape, its records, the time of its last one and its sha256.
        case fileRead(index: Int, shape: ActivityFileReader.Shape, records: Int, last: String?, sha256: String)
    }

    let sources: [InputSource]
    let tree: TemplateTree
    /// Whether each call carries its request URI (`import --keep-request-uris`).
    var keepUris = false
    var threads = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4)
    static let batchSize = 4096

    func read(_ body: (Event) throws -> Void) throws {
        let count = min(threads, sources.count)
        guard count > 0 else { return }
        let channels = (0..<count).map { thread in
            BoundedChannel<Event>.producing(capacity: 8) { [sources, tree, keepUris] channel in
                for index in stride(from: thread, to: sources.count, by: count) {
                    guard try Self.read(sources[index], index: index, tree: tree, keepUris: keepUris, channel.send) else { return }
                }
            }
        }
        defer { channels.forEach { $0.closeAndWait() } }
        for index in sources.indices {
            let channel = channels[index % count]
            while let event = try channel.receive() {
                try body(event)
                if case .fileRead = event { break }
            }
        }
    }

    /// One file's calls in batches, then its `fileRead`; false when the consumer has stopped.
    private static func read(_ source: InputSource, index: Int, tree: TemplateTree, keepUris: Bool, _ send: (Event) -> Bool) throws -> Bool {
        var batch: [MatchedCall] = []
        batch.reserveCapacity(batchSize)
        var (records, last, strings) = (0, String?.none, StringInterner())
        do {
            let shape = try ActivityFileReader(source: source).records { decoded, location in
                switch decoded {
                case .success(let record):
                    batch.append(MatchedCall(record, tree: tree, strings: &strings, keepUri: keepUris))
                    records += 1
                    last = max(last ?? record.time, record.time)
                    if batch.count == batchSize {
                        guard send(.calls(batch)) else { throw Stopped() }
                        batch.removeAll(keepingCapacity: true)
                    }
                case .failure(let problem):
                    throw ImportError(file: source.name, location: location, problem: "\(problem.field): expected \(problem.expected)")
                }
            }
            guard send(.calls(batch)) else { return false }
            return send(.fileRead(index: index, shape: shape, records: records, last: last, sha256: try source.sha256()))
        } catch is Stopped {
            return false
        }
    }

    /// The consumer closed the channel: the file is left unread.
    private struct Stopped: Error {}
}
