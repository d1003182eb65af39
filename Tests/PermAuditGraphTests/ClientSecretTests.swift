import Foundation
import PermAuditGraph
import PermAuditTestSupport
import Testing

/// Client credentials against the fake sign-in endpoint: the form Microsoft expects, and a refusal as one line
/// that names the AADSTS code and never the secret.
@Suite struct ClientSecretTests {
    private func credential(_ fake: FakeGraph, secret: String = FakeGraph.clientSecret) throws -> ClientSecretCredential {
        let endpoint = try GraphEndpoint(validating: fake.baseURL, option: "--graph-url")
        return try ClientSecretCredential(login: endpoint, tenant: "contoso.onmicrosoft.com", clientId: FakeGraph.clientId, secret: secret,
                                          graph: endpoint)
    }

    @Test func theSecretBuysAToken() async throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let transport = AsyncHTTPTransport()
        let token = try await credential(fake).token(using: transport)
        await transport.shutdown()
        #expect(token.value == FakeGraph.token)
        let request = try #require(fake.requests.first)
        #expect(request.method == "POST" && request.path == "/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(request.headers["authorization"] == nil)
        let form = String(decoding: request.body, as: UTF8.self).split(separator: "&").map(String.init)
        #expect(Set(form) == ["client_id=\(FakeGraph.clientId)", "grant_type=client_credentials", "client_secret=fake~client.secret",
                              "scope=\(fake.baseURL.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F"))%2F.default"])
    }

    @Test func aWrongSecretIsOneLineWithTheCodeAndNotTheSecret() async throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        let transport = AsyncHTTPTransport()
        let wrong = "wrong-secret-value"
        let error = await #expect(throws: SyncError.self) { _ = try await credential(fake, secret: wrong).token(using: transport) }
        await transport.shutdown()
        #expect(error?.kind == .configuration)
        #expect(error?.description == "sign-in refused for client \(FakeGraph.clientId) (invalid_client): AADSTS7000215: Invalid client secret provided.")
        #expect(error?.description.contains(wrong) == false)
    }

    @Test func aTenantThatIsNotAnIdOrDomainIsRefused() throws {
        let endpoint = try GraphEndpoint(validating: "https://login.microsoftonline.com", option: "--login-url")
        #expect(throws: SyncError.self) {
            try ClientSecretCredential(login: endpoint, tenant: "contoso/../x", clientId: "c", secret: "s", graph: endpoint)
        }
    }
}

/// The device code flow against the fake sign-in endpoint, on a virtual clock.
@Suite struct DeviceCodeTests {
    private func credential(_ fake: FakeGraph) throws -> DeviceCodeCredential {
        let endpoint = try GraphEndpoint(validating: fake.baseURL, option: "--graph-url")
        return try DeviceCodeCredential(login: endpoint, tenant: nil, clientId: FakeGraph.clientId, graph: endpoint)
    }

    @Test func pollsWhilePendingSlowsDownWhenToldThenGetsTheToken() async throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.devicePolls = ["authorization_pending", "slow_down", "authorization_pending", "ok"]
        let transport = AsyncHTTPTransport()
        let sleeps = SleepLog()
        let shown = TextLog()
        let token = try await credential(fake).token(using: transport, show: shown.add, sleeper: sleeps.sleeper())
        await transport.shutdown()
        #expect(token.value == FakeGraph.token)
        #expect(sleeps.sleeps == [.seconds(5), .seconds(5), .seconds(10), .seconds(10)])
        #expect(shown.lines == [
            "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code FAKE1234 to authenticate.",
        ])
        #expect(fake.requests.first?.path == "/organizations/oauth2/v2.0/devicecode")
    }

    @Test func anExpiredCodeIsAConfigurationError() async throws {
        let fake = try FakeGraph(try FakeTenant.graphDocs())
        defer { fake.stop() }
        fake.devicePolls = ["authorization_pending", "expired_token"]
        let transport = AsyncHTTPTransport()
        let error = await #expect(throws: SyncError.self) {
            _ = try await credential(fake).token(using: transport, show: { _ in }, sleeper: SleepLog().sleeper())
        }
        await transport.shutdown()
        #expect(error?.kind == .configuration)
        #expect(error?.description == "device code sign-in ended (expired_token): AADSTS70016: expired_token.")
    }
}

/// Lines shown to the user, collected.
final class TextLog: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    var lines: [String] { lock.withLock { collected } }

    @Sendable func add(_ line: String) {
        lock.withLock { collected.append(line) }
    }
}
