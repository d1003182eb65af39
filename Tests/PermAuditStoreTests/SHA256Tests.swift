@testable import PermAuditStore
import Testing

@Suite struct SHA256Tests {
    /// Test vectors from FIPS 180-4 examples and NIST's SHA-256 short messages.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownDigests(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
        // An object's content digest takes OpenSSL's other path (SHA256_Init .. Final): the same digest.
        #expect(SHA256.digest(Array(message.utf8)).hex == digest)
    }

    @Test func aMillionAsInUnevenPieces() {
        var hasher = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            hasher.update(String(repeating: "a", count: count))
            remaining -= count
            piece = piece % 97 + 13
        }
        #expect(hasher.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
