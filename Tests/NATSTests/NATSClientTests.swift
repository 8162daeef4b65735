import Foundation
import NATS
import NIOCore
import TestSupport
import Testing

/// Core NATS against a real server: publish/subscribe, request/reply, limits and errors.
@Suite(.enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct NATSClientTests {
    /// Payloads of every kind: empty, binary with CR/LF and protocol words inside, large.
    static func payloads() -> [[UInt8]] {
        var generator = SplitMix(seed: 7)
        var result: [[UInt8]] = [[], Array("MSG x 1 2\r\n\r\nPING\r\n".utf8), [13, 10], [0, 255, 13, 10, 13, 10]]
        for size in [1, 2, 17, 500, 4096, 65_536, 300_000] {
            result.append((0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
        }
        return result
    }

    @Test func publishSubscribeRoundTripsByteForByte() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let subscription = try await client.subscribe(to: "rt.>")
                let payloads = Self.payloads()
                var sent: [NATSMessage] = []
                for (index, payload) in payloads.enumerated() {
                    let headers: NATSHeaders? = index % 2 == 0 ? nil : ["Index": String(index), "Multi": "a"]
                    var withRepeat = headers
                    withRepeat?.append("b", for: "Multi")
                    let subject = "rt.\(index).x"
                    try await client.publish(
                        ByteBuffer(bytes: payload), to: subject, replyTo: "r.\(index)", headers: withRepeat)
                    sent.append(
                        NATSMessage(
                            subject: subject, replyTo: "r.\(index)", headers: withRepeat,
                            payload: ByteBuffer(bytes: payload)))
                }
                var received: [NATSMessage] = []
                for try await message in subscription {
                    received.append(message)
                    if received.count == sent.count { break }
                }
                #expect(received == sent)
                #expect(received.map(\.payloadBytes) == payloads)
                await client.close()
            }
        }
    }

    @Test func manyMessagesArriveInOrder() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(180) {
                let publisher = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let subscriber = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let subscription = try await subscriber.subscribe(to: "bulk")
                try await subscriber.flush()
                let count = 20_000
                for index in 0..<count {
                    try await publisher.publish(String(index), to: "bulk")
                }
                try await publisher.flush()
                var expected = 0
                for try await message in subscription {
                    #expect(message.payloadString == String(expected))
                    expected += 1
                    if expected == count { break }
                }
                #expect(expected == count)
                #expect(subscription.droppedMessages == 0)
                await publisher.close()
                await subscriber.close()
            }
        }
    }

    @Test func requestReplyAndNoResponders() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let service = try await client.subscribe(to: "svc.upper", queueGroup: "workers")
                let responder = Task {
                    for try await request in service {
                        guard let replyTo = request.replyTo else { continue }
                        try await client.publish(
                            request.payloadString.uppercased(), to: replyTo, headers: ["Seen": "yes"])
                    }
                }
                try await client.flush()
                // 60 s, not the library's 5 s: under the full parallel suite the first replies
                // have taken over 5 s to arrive.
                for index in 0..<50 {
                    let response = try await client.request("hello \(index)", to: "svc.upper", timeout: .seconds(60))
                    #expect(response.payloadString == "HELLO \(index)")
                    #expect(response.headers?["Seen"] == "yes")
                }
                async let first = client.request("a", to: "svc.upper", timeout: .seconds(60))
                async let second = client.request("b", to: "svc.upper", timeout: .seconds(60))
                #expect(try await [first.payloadString, second.payloadString] == ["A", "B"])

                await #expect(throws: NATSError.noResponders(subject: "nobody.home")) {
                    _ = try await client.request("x", to: "nobody.home")
                }
                let silent = try await client.subscribe(to: "svc.silent")
                await #expect(throws: NATSError.timeout(operation: "request on svc.silent", seconds: 0.2)) {
                    _ = try await client.request("x", to: "svc.silent", timeout: .milliseconds(200))
                }
                #expect(
                    NATSError.timeout(operation: "request on svc.silent", seconds: 0.2).description
                        == "request on svc.silent timed out after 0.2 s")
                await silent.unsubscribe()
                responder.cancel()
                await client.close()
            }
        }
    }

    @Test func unsubscribeAfterCountEndsTheSequence() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let subscription = try await client.subscribe(to: "few")
                await subscription.unsubscribe(after: 3)
                for index in 0..<6 { try await client.publish(String(index), to: "few") }
                var received: [String] = []
                for try await message in subscription { received.append(message.payloadString) }
                #expect(received == ["0", "1", "2"])
                await client.close()
            }
        }
    }

    @Test func maxPayloadFromInfoIsEnforcedOnPublish() async throws {
        let config = try NATSTestSupport.configFile("max_payload: 1024\n")
        try await NATSTestSupport.withServer(["-c", config]) { server in
            try await NATSTestSupport.withTimeout(120) {
                let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
                #expect(client.serverInfo?.maxPayload == 1024)
                try await client.publish([UInt8](repeating: 1, count: 1024), to: "big")
                await #expect(throws: NATSError.maxPayloadExceeded(size: 1025, limit: 1024)) {
                    try await client.publish([UInt8](repeating: 1, count: 1025), to: "big")
                }
                await #expect(throws: NATSError.maxPayloadExceeded(size: 1028, limit: 1024)) {
                    try await client.publish([UInt8](repeating: 1, count: 1010), to: "big", headers: ["K": "v"])
                }
                try await client.flush()
                #expect(client.isConnected)
                await client.close()
            }
        }
    }

    @Test func invalidSubjectsAreRefused() async throws {
        try await NATSTestSupport.withServer { server in
            let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
            await #expect(throws: NATSError.invalidSubject("a b")) { try await client.publish("x", to: "a b") }
            await #expect(throws: NATSError.invalidSubject("")) { _ = try await client.subscribe(to: "") }
            await client.close()
            await #expect(throws: NATSError.connectionClosed) { try await client.publish("x", to: "a") }
        }
    }

    @Test func slowConsumerDropsPastTheLimitAndSaysSo() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                var options = NATSTestSupport.options(server.url)
                options.pendingMessagesLimit = 10
                let client = try await NATSClient.connect(options)
                let events = EventWatcher(client)
                let subscription = try await client.subscribe(to: "flood")
                for index in 0..<100 { try await client.publish(String(index), to: "flood") }
                try await client.flush()
                let event = try await events.next { if case .slowConsumer = $0 { true } else { false } }
                #expect(event.kind == .slowConsumer(subject: "flood"))
                #expect(subscription.droppedMessages == 90)
                var received: [String] = []
                while let message = try await subscription.next(timeout: .milliseconds(200)) {
                    received.append(message.payloadString)
                }
                #expect(received == (0..<10).map(String.init))
                await client.close()
            }
        }
    }

    /// A refused connection fails at once with the reason: with a 30 s connect timeout, the
    /// error is the refusal, not the timeout (wall-clock bounds are unreliable while the whole
    /// suite runs in parallel on two cores).
    @Test func unreachableServerFailsAtOnceWithTheReason() async throws {
        let port = try freePort()
        var options = NATSOptions(url: "nats://127.0.0.1:\(port)")
        options.connectTimeout = .seconds(30)
        await #expect(
            throws: NATSError.connectionFailed(server: "127.0.0.1:\(port)", reason: "Connection refused")
        ) {
            _ = try await NATSClient.connect(options)
        }
        #expect(
            NATSError.connectionFailed(server: "127.0.0.1:\(port)", reason: "Connection refused").description
                == "cannot connect to NATS server 127.0.0.1:\(port): Connection refused")
    }

    @Test func silentServerHitsTheConnectTimeout() async throws {
        let listener = try SilentListener()
        defer { listener.stop() }
        var options = NATSOptions(url: "nats://127.0.0.1:\(listener.port)")
        options.connectTimeout = .milliseconds(300)
        let silentOptions = options
        try await NATSTestSupport.withTimeout(120) {
            await #expect(throws: NATSError.connectTimeout(server: "127.0.0.1:\(listener.port)", seconds: 0.3)) {
                _ = try await NATSClient.connect(silentOptions)
            }
        }
        #expect(
            NATSError.connectTimeout(server: "127.0.0.1:4222", seconds: 0.3).description
                == "no NATS handshake with 127.0.0.1:4222 within 0.3 s")
    }

    @Test func secondServerIsUsedWhenTheFirstIsDown() async throws {
        let port = try freePort()
        try await NATSTestSupport.withServer { server in
            let client = try await NATSClient.connect(NATSOptions(servers: ["nats://127.0.0.1:\(port)", server.url]))
            #expect(client.serverInfo?.port == server.port)
            await client.close()
        }
    }
}

/// A deterministic 64-bit generator for test payloads.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
