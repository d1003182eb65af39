import Foundation
import PermAuditGraph
import PermAuditTestSupport
import Testing

@Suite struct CertificateTests {
    @Test func aSignedAssertionBuysATokenAndOpensslVerifiesIt() async throws {
        let certificate = try TestCertificate()
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.certificateThumbprint = try certificate.thumbprint()
        let endpoint = try GraphEndpoint(validating: fake.baseURL, option: "--graph-url")
        let credential = try CertificateCredential(login: endpoint, tenant: "contoso.onmicrosoft.com", clientId: FakeGraph.clientId,
                                                   certificatePEM: try certificate.certificate, privateKeyPEM: try certificate.privateKey,
                                                   graph: endpoint)
        #expect(credential.thumbprint == fake.certificateThumbprint)
        let transport = AsyncHTTPTransport()
        let token = try await credential.token(using: transport)
        await transport.shutdown()
        #expect(token.value == FakeGraph.token)
        let assertion = try #require(fake.assertions.first)
        #expect(try certificate.verifies(assertion))
        #expect(!String(decoding: try #require(fake.requests.first).body, as: UTF8.self).contains("PRIVATE"))
        // A signature over other bytes does not verify: the check can fail.
        let parts = assertion.split(separator: ".")
        #expect(try !certificate.verifies("\(parts[1]).\(parts[0]).\(parts[2])"))
    }

    @Test func aKeyThatIsNotPEMIsOneLine() throws {
        let certificate = try TestCertificate()
        let endpoint = try GraphEndpoint(validating: "https://login.microsoftonline.com", option: "--login-url")
        let error = #expect(throws: SyncError.self) {
            try CertificateCredential(login: endpoint, tenant: "contoso.onmicrosoft.com", clientId: "c", certificatePEM: try certificate.certificate,
                                      privateKeyPEM: Data("not a key".utf8), graph: endpoint)
        }
        #expect(error?.description == "--private-key: not a PEM private key (unencrypted)")
    }
}
