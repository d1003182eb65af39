import Foundation
import PermAuditGraph
import Testing

/// The client's rules, without a network: where the token may go, how long to wait, what a token says.
@Suite struct ClientRulesTests {
    @Test(arguments: ["http://127.0.0.1:8080", "http://localhost", "http://[::1]:9000", "https://graph.example.com/"])
    func allowedGraphURLs(_ text: String) throws {
        _ = try GraphEndpoint(validating: text, option: "--graph-url")
    }

    @Test func plainHTTPToAnotherHostIsRefused() {
        let error = #expect(throws: SyncError.self) { try GraphEndpoint(validating: "http://graph.example.com", option: "--graph-url") }
        #expect(error?.description == "--graph-url http://graph.example.com: plain http:// is allowed only for loopback addresses; use https://")
        #expect(error?.kind == .configuration)
    }

    @Test func onlyTheSameSchemeHostAndPortOwnALink() throws {
        let endpoint = try GraphEndpoint(validating: "https://graph.microsoft.com", option: "--graph-url")
        #expect(endpoint.owns(URL(string: "https://graph.microsoft.com:443/v1.0/servicePrincipals?$skiptoken=x")!))
        #expect(!endpoint.owns(URL(string: "https://graph.microsoft.com.evil.example/v1.0/x")!))
        #expect(!endpoint.owns(URL(string: "http://graph.microsoft.com/v1.0/x")!))
        #expect(!endpoint.owns(URL(string: "https://graph.microsoft.com:8443/v1.0/x")!))
        #expect(!endpoint.owns(URL(string: "https://user@graph.microsoft.com/v1.0/x")!))
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.retryAfter("7", now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == .seconds(20))
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter(nil, now: now) == nil)
    }

    @Test func backoffIsFullJitterUnderACap() {
        let top = RetryPolicy(base: .seconds(2), cap: .seconds(60), random: { 0.999 })
        #expect(top.backoff(afterAttempt: 1) < .seconds(2))
        #expect(top.backoff(afterAttempt: 20) < .seconds(60) && top.backoff(afterAttempt: 20) > .seconds(59))
        #expect(RetryPolicy(random: { 0 }).backoff(afterAttempt: 5) == .zero)
    }

    @Test func aJWTsTenantIsReadAndAnOpaqueTokenHasNone() throws {
        let payload = Data(#"{"tid":"b8aab203-92b2-5f3e-a8a8-d5391af3d878","roles":["Application.Read.All"]}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
        let jwt = try AccessToken("eyJhbGciOiJub25lIn0.\(payload).sig")
        #expect(jwt.tenantId == "b8aab203-92b2-5f3e-a8a8-d5391af3d878")
        #expect(jwt.grantedPermissions == ["Application.Read.All"])
        #expect(try AccessToken("opaque-token").tenantId == nil)
        #expect(throws: SyncError.self) { try AccessToken("two words") }
        #expect(throws: SyncError.self) { try AccessToken("\n") }
    }

    /// The pause stands for 30 s and takes a real 0.2 s, long enough for the second worker to find it running.
    @Test func workersThrottledTogetherWaitOnce() async {
        let log = SleepLog()
        let record = log.sleeper()
        let gate = ThrottleGate(sleeper: { duration in
            try await record(duration)
            try await Task.sleep(for: .milliseconds(200))
        })
        async let first: Void = gate.pause(for: .seconds(30))
        async let second: Void = gate.pause(for: .seconds(30))
        _ = await (first, second)
        #expect(log.sleeps == [.seconds(30)])
        await gate.pause(for: .seconds(5))
        #expect(log.sleeps == [.seconds(30), .seconds(5)])
    }

    @Test func cloudsHaveTheirOwnHosts() {
        #expect(GraphCloud.usgovdod.graphURL.absoluteString == "https://dod-graph.microsoft.us")
        #expect(GraphCloud.china.loginURL.absoluteString == "https://login.chinacloudapi.cn")
    }
}
