import Foundation

/// An import's API paths resolved against its metadata documents on a thread of their own, while the
/// transaction writes the catalog and the documents (the seeds: 7,300 paths against two documents). A
/// resolution depends on the path and the document only, so `ApiPathResolutions.refresh` stores these
/// instead of working them out again.
final class ResolutionsInAdvance: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the thread before it signals `done`; read only after waiting for it.
    private var resolutions: Result<[[String: ApiPathResolution]], any Error> = .success([])

    init(paths: Set<String>, documents: [MetadataDocument]) {
        guard !paths.isEmpty, !documents.isEmpty else {
            done.signal()
            return
        }
        Thread { [self] in
            resolutions = Result {
                try documents.map { document in
                    let resolver = ApiPathResolver(document)
                    return try Dictionary(uniqueKeysWithValues: paths.map { ($0, try resolver.resolve($0)) })
                }
            }
            done.signal()
        }.start()
    }

    /// The paths of the catalog batches, as `init` takes them.
    static func paths(of batches: [CatalogBatch]) -> Set<String> {
        Set(batches.lazy.flatMap(\.parts).flatMap(\.permissions).flatMap { $0.apiPaths ?? [] }.map(\.path))
    }

    /// Each document's resolutions by path, in the order of the documents given; waits for the thread.
    /// Called once.
    func wait() throws -> [[String: ApiPathResolution]] {
        done.wait()
        return try resolutions.get()
    }
}
