import Foundation

/// A certificate made by openssl for the test; its thumbprint and the signatures checked by openssl too, not by
/// the code under test.
public struct TestCertificate {
    public let folder: URL
    public var certificate: Data { get throws { try Data(contentsOf: folder.appendingPathComponent("cert.pem")) } }
    public var privateKey: Data { get throws { try Data(contentsOf: folder.appendingPathComponent("key.pem")) } }

    public init() throws {
        folder = try Fixtures.temporaryDirectory()
        try Self.openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1",
                          "-subj", "/CN=permaudit-test"], in: folder)
        try Self.openssl(["x509", "-in", "cert.pem", "-outform", "DER", "-out", "cert.der"], in: folder)
        try Self.openssl(["pkey", "-in", "key.pem", "-pubout", "-out", "public.pem"], in: folder)
    }

    /// base64url(SHA-256(DER)), computed by openssl.
    public func thumbprint() throws -> String {
        try Self.openssl(["dgst", "-sha256", "-binary", "-out", "thumb.bin", "cert.der"], in: folder)
        return try Data(contentsOf: folder.appendingPathComponent("thumb.bin")).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether openssl accepts the JWT's signature as RSA-PSS SHA-256 with a 32-byte salt by this key.
    public func verifies(_ jwt: String) throws -> Bool {
        let parts = jwt.split(separator: ".")
        guard parts.count == 3 else { return false }
        var signature = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        signature += String(repeating: "=", count: (4 - signature.count % 4) % 4)
        try Data(base64Encoded: signature)?.write(to: folder.appendingPathComponent("sig.bin"))
        try Data("\(parts[0]).\(parts[1])".utf8).write(to: folder.appendingPathComponent("input.txt"))
        return (try? Self.openssl(["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                                   "-verify", "public.pem", "-signature", "sig.bin", "input.txt"], in: folder)) != nil
    }

    @discardableResult
    public static func openssl(_ arguments: [String], in folder: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return process.terminationStatus
    }
}
