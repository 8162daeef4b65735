import Testing

@testable import NATS

@Suite struct NATSOptionsTests {
    @Test func reconnectDelaysGrowToTheCapWithJitterBounds() {
        let policy = NATSReconnectPolicy(initialDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: 0.5)
        #expect(policy.delay(forAttempt: 1, unit: 0.5) == .milliseconds(100))
        #expect(policy.delay(forAttempt: 2, unit: 0.5) == .milliseconds(200))
        #expect(policy.delay(forAttempt: 4, unit: 0.5) == .milliseconds(800))
        #expect(policy.delay(forAttempt: 5, unit: 0.5) == .seconds(1))
        #expect(policy.delay(forAttempt: 50, unit: 0.5) == .seconds(1))
        #expect(policy.delay(forAttempt: 1, unit: 0) == .milliseconds(50))
        #expect(policy.delay(forAttempt: 1, unit: 1) == .milliseconds(150))
    }

    @Test(arguments: [
        ("nats://127.0.0.1:4333", "127.0.0.1", 4333, false, nil as String?, nil as String?),
        ("tls://demo.example:1", "demo.example", 1, true, nil, nil),
        ("localhost", "localhost", 4222, false, nil, nil),
        ("localhost:5000", "localhost", 5000, false, nil, nil),
        ("nats://alice:s%40cret@10.0.0.1", "10.0.0.1", 4222, false, "alice", "s@cret"),
        ("nats://tok@host:4222", "host", 4222, false, "tok", nil),
        ("nats://[::1]:4222", "::1", 4222, false, nil, nil),
    ])
    func parsesServerURLs(
        url: String, host: String, port: Int, tls: Bool, user: String?, password: String?
    ) throws {
        let address = try ServerAddress(parsing: url)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.tls == tls)
        #expect(address.user == user)
        #expect(address.password == password)
    }

    @Test(arguments: ["http://host:4222", "nats://", "nats://host:99999", ""])
    func rejectsOtherURLs(url: String) {
        #expect(throws: NATSError.invalidURL(url)) {
            _ = try ServerAddress(parsing: url)
        }
    }
}
