import COpenSSL

/// SHA-256, for content hashes of files and catalog entries, by OpenSSL's libcrypto. An import hashes
/// every file and every object once: a million-grant export is 450 MB of files and 1.15 million objects.
/// libcrypto uses the CPU's SHA instructions (about 1.3 GB/s here, against 133 MB/s for the Swift
/// implementation it replaced), and is in every Debian install that has `libssl-dev`.
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, Self.algorithm, nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        let copy = Array(bytes)
        copy.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ string: String) {
        var string = string
        string.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest as 64 lowercase hex digits.
    public consuming func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        EVP_DigestFinal_ex(context, &digest, nil)
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { text in
            for (index, byte) in digest.enumerated() {
                text[index * 2] = digits[Int(byte >> 4)]
                text[index * 2 + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }

    /// The digest as a ContentDigest: what an import compares, made without the hex text.
    consuming func finalizeDigest() -> ContentDigest {
        withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { digest in
            EVP_DigestFinal_ex(context, digest.baseAddress!.assumingMemoryBound(to: UInt8.self), nil)
            return ContentDigest(bytes: UnsafeRawBufferPointer(digest))
        }
    }

    /// One object's content digest, with OpenSSL's low-level functions and a context on the stack: an import
    /// makes a million of them, and an EVP context's allocation and dispatch cost as much as the hashing.
    static func digest(_ bytes: [UInt8]) -> ContentDigest {
        bytes.withUnsafeBytes { digest($0) }
    }

    static func digest(_ bytes: UnsafeRawBufferPointer) -> ContentDigest {
        var context = SHA256_CTX()
        SHA256_Init(&context)
        _ = SHA256_Update(&context, bytes.baseAddress, bytes.count)
        return withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { digest in
            SHA256_Final(digest.baseAddress!.assumingMemoryBound(to: UInt8.self), &context)
            return ContentDigest(bytes: UnsafeRawBufferPointer(digest))
        }
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }

    public static func hex(_ string: String) -> String {
        var hasher = SHA256()
        hasher.update(string)
        return hasher.finalizeHex()
    }

    /// Fetched once: passing `EVP_sha256()` to each init would look the implementation up again each time.
    private nonisolated(unsafe) static let algorithm: OpaquePointer? = EVP_MD_fetch(nil, "SHA256", nil)
}
