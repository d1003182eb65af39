import COpenSSL
import Foundation

/// An application's token from its certificate: a client assertion (a JWT signed PS256, naming the certificate
/// by its SHA-256 thumbprint, `x5t#S256`) sent to the sign-in host instead of a secret. The private key stays here.
public struct CertificateCredential: Sendable {
    let tokenURL: URL
    let clientId: String
    let scope: String
    let privateKeyPEM: Data
    /// base64url of the SHA-256 of the certificate's DER bytes.
    public let thumbprint: String

    public init(login: GraphEndpoint, tenant: String, clientId: String, certificatePEM: Data, privateKeyPEM: Data, graph: GraphEndpoint) throws {
        tokenURL = URL(string: login.base.absoluteString + "/\(try SignIn.tenantSegment(tenant))/oauth2/v2.0/token")!
        self.clientId = clientId
        scope = graph.base.absoluteString + "/.default"
        thumbprint = try Self.base64url(Self.sha256(Self.certificateDER(certificatePEM)))
        self.privateKeyPEM = privateKeyPEM
        _ = try Self.withPrivateKey(privateKeyPEM) { _ in () }
    }

    public func token(using transport: any HTTPTransport, now: Date = Date()) async throws -> AccessToken {
        try await SignIn.applicationToken(transport, tokenURL, clientId: clientId, [
            ("scope", scope), ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            ("client_assertion", try assertion(now: now)),
        ])
    }

    /// The client assertion: valid ten minutes from `now`, for this token URL only, used once (`jti`).
    public func assertion(now: Date) throws -> String {
        let seconds = Int(now.timeIntervalSince1970)
        let header: [String: Any] = ["alg": "PS256", "typ": "JWT", "x5t#S256": thumbprint]
        let payload: [String: Any] = [
            "aud": tokenURL.absoluteString, "iss": clientId, "sub": clientId, "jti": UUID().uuidString,
            "nbf": seconds, "iat": seconds, "exp": seconds + 600,
        ]
        let input = try [header, payload].map { try Self.base64url(JSONSerialization.data(withJSONObject: $0, options: .sortedKeys)) }
            .joined(separator: ".")
        return input + "." + Self.base64url(try sign(Data(input.utf8)))
    }

    /// RSA-PSS with SHA-256, salt as long as the digest (what PS256 means).
    private func sign(_ message: Data) throws -> Data {
        try Self.withPrivateKey(privateKeyPEM) { key in
            guard let context = EVP_MD_CTX_new() else { throw Self.failure("cannot sign") }
            defer { EVP_MD_CTX_free(context) }
            var keyContext: OpaquePointer?
            guard EVP_DigestSignInit(context, &keyContext, EVP_sha256(), nil, key) == 1,
                  EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1,
                  EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1 else {
                throw Self.failure("the private key cannot sign RSA-PSS (an RSA key is needed)")
            }
            return try message.withUnsafeBytes { raw -> Data in
                let bytes = raw.bindMemory(to: UInt8.self).baseAddress
                var length = 0
                guard EVP_DigestSign(context, nil, &length, bytes, raw.count) == 1 else { throw Self.failure("cannot sign") }
                var signature = [UInt8](repeating: 0, count: length)
                guard EVP_DigestSign(context, &signature, &length, bytes, raw.count) == 1 else { throw Self.failure("cannot sign") }
                return Data(signature.prefix(length))
            }
        }
    }

    private static func withPrivateKey<T>(_ pem: Data, _ body: (OpaquePointer) throws -> T) throws -> T {
        let key: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw failure("--private-key: not a PEM private key (unencrypted)") }
        defer { EVP_PKEY_free(key) }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else { throw failure("--private-key: not an RSA key (PS256 needs one)") }
        return try body(key)
    }

    private static func certificateDER(_ pem: Data) throws -> Data {
        let certificate: OpaquePointer? = pem.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_X509(bio, nil, nil, nil)
        }
        guard let certificate else { throw failure("--certificate: not a PEM certificate") }
        defer { X509_free(certificate) }
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &der)
        guard length > 0, let der else { throw failure("--certificate: cannot read it") }
        defer { CRYPTO_free(der, #file, #line) }
        return Data(bytes: der, count: Int(length))
    }

    private static func sha256(_ data: Data) -> Data {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = data.withUnsafeBytes { EVP_Digest($0.baseAddress, $0.count, &digest, &length, EVP_sha256(), nil) }
        return Data(digest)
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func failure(_ message: String) -> SyncError {
        SyncError(.configuration, message)
    }
}
