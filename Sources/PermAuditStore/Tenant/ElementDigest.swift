import Foundation

/// The SHA-256 of one element of a tenant export, its bytes exactly as the export had them: an import that
/// has stored a version from these bytes before takes the element as that version without decoding it
/// (migration 0028). Made by whoever reads the export, on the reader's thread.
public struct ElementDigest: Sendable, Equatable {
    let digest: ContentDigest

    public init(of bytes: Data) {
        digest = bytes.withUnsafeBytes { SHA256.digest($0) }
    }

    /// The bytes where the export's reader holds them, not copied.
    public init(of bytes: UnsafeRawBufferPointer) {
        digest = SHA256.digest(bytes)
    }

    init(_ digest: ContentDigest) {
        self.digest = digest
    }
}
