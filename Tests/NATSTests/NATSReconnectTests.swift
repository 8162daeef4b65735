import Foundation
import NATS
import TestSupport
import Testing

/// Connection loss and recovery against a real server that is stopped, frozen or restarted.
@Suite(.enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct NATSReconnectTests {
    private static func isDisconnected(_ kind: NATSEvent.Kind) -> Bool {
        if case .disconnected = kind { return true }
        return false
    }

    private static func isReconnected(_ kind: NATSEvent.Kind) -> Bool {
        if case .reconnected = kind { return true }
        return false
    }

    @Test func serverRestartResumesTheSubscriptionAndReplaysBufferedPublishes() async throws {
        let first = try await NATSTestServer.start()
        let current = ServerSlot(first)
        do {
            try await NATSTestSupport.withTimeout(180) {
                let client = try await NATSClient.connect(NATSTestSupport.options(first.url))
                let events = EventWatcher(client)
                let subscription = try await client.subscribe(to: "live")
                for index in 0..<100 { try await client.publish(String(index), to: "live") }
                try await client.flush()
                for expected in 0..<100 {
                    let message = try #require(try await subscription.next(timeout: .seconds(5)))
                    #expect(message.payloadString == String(expected))
                }

                await first.stop()
                let down = try await events.next(Self.isDisconnected)
                guard case .disconnected(let server, _) = down.kind else { return }
                #expect(server == "127.0.0.1:\(first.port)")
                #expect(!client.isConnected)
                for index in 100..<150 { try await client.publish(String(index), to: "live") }
                await #expect(throws: NATSError.notConnected) { try await client.flush() }

                current.server = try await first.restart()
                let up = try await events.next(Self.isReconnected)
                #expect(up.date >= down.date)
                #expect(client.isConnected)
                for index in 150..<200 { try await client.publish(String(index), to: "live") }
                try await client.flush()
                var received: [String] = []
                while received.count < 100, let message = try await subscription.next(timeout: .seconds(5)) {
                    received.append(message.payloadString)
                }
                #expect(received == (100..<200).map(String.init))
                await client.close()
            }
        } catch {
            await current.server.stop()
            throw error
        }
        await current.server.stop()
    }

    @Test func frozenServerIsDetectedByUnansweredPings() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                var options = NATSTestSupport.options(server.url)
                options.pingInterval = .milliseconds(150)
                options.maxPingsOutstanding = 2
                let client = try await NATSClient.connect(options)
                let events = EventWatcher(client)
                server.pause(true)
                let down = try await events.next(Self.isDisconnected)
                #expect(down.kind == .disconnected(server: "127.0.0.1:\(server.port)", reason: .staleConnection))
                server.pause(false)
                _ = try await events.next(Self.isReconnected)
                try await client.flush()
                await client.close()
            }
        }
    }

    @Test func givingUpReconnectingClosesWithTheReason() async throws {
        let server = try await NATSTestServer.start()
        do {
            try await NATSTestSupport.withTimeout(120) {
                var options = NATSTestSupport.options(server.url)
                options.reconnect = NATSReconnectPolicy(
                    maxAttempts: 3, initialDelay: .milliseconds(20), maxDelay: .milliseconds(40))
                let client = try await NATSClient.connect(options)
                let events = EventWatcher(client)
                let subscription = try await client.subscribe(to: "gone")
                await server.stop()
                let closed = try await events.next {
                    if case .closed = $0 { true } else { false }
                }
                #expect(closed.kind == .closed(reason: .reconnectAttemptsExhausted(attempts: 3)))
                let failures = events.seen.filter {
                    if case .reconnectAttemptFailed = $0.kind { true } else { false }
                }
                #expect(failures.count == 3)
                await #expect(throws: NATSError.reconnectAttemptsExhausted(attempts: 3)) {
                    for try await _ in subscription {}
                }
                #expect(client.isClosed)
            }
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func closeEndsSubscriptionsAndEventStreams() async throws {
        try await NATSTestSupport.withServer { server in
            try await NATSTestSupport.withTimeout(120) {
                let client = try await NATSClient.connect(NATSTestSupport.options(server.url))
                let events = client.events()
                let subscription = try await client.subscribe(to: "end")
                try await client.publish("last", to: "end")
                try await client.flush()
                await client.close()
                var received: [String] = []
                for try await message in subscription { received.append(message.payloadString) }
                #expect(received == ["last"])
                var kinds: [NATSEvent.Kind] = []
                for await event in events { kinds.append(event.kind) }
                #expect(kinds == [.closed(reason: nil)])
            }
        }
    }
}
