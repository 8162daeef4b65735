import Foundation
import NATS
import TestSupport
import Testing

/// Shared helpers of the tests that run a real `nats-server`.
enum NATSTestSupport {
    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out: \(what)" }
    }

    /// What the time limits of these tests are multiplied by: `HEDGESIM_TEST_TIME_SCALE` (default 1).
    /// `make test-tsan` and `make test-asan` set it, since the sanitizers slow the client and the
    /// whole suite runs beside it.
    static let timeScale: Double = {
        let value = Double(ProcessInfo.processInfo.environment["HEDGESIM_TEST_TIME_SCALE"] ?? "") ?? 1
        return value >= 1 ? value : 1
    }()

    /// Runs `operation`, failing with ``TimedOut`` after `seconds` (times `timeScale`).
    @discardableResult
    static func withTimeout<T: Sendable>(
        _ seconds: Double, _ what: String = "test", _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds * timeScale))
                throw TimedOut(what: what)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Starts a server, runs `body`, stops the server whatever happens.
    static func withServer(
        _ arguments: [String] = [], _ body: (NATSTestServer) async throws -> Void
    ) async throws {
        let server = try await NATSTestServer.start(arguments: arguments)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nats-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a server configuration file and returns its path.
    static func configFile(_ text: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("server.conf")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The path of a file under `Fixtures/`.
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return url.path
    }

    /// Options for a test server with quick reconnects.
    /// The JetStream API time limit in tests: generous, because the full suite runs on a loaded
    /// machine where a fresh server's first JetStream request can take far longer than 5 s.
    static let requestTimeout: Duration = .seconds(60 * timeScale)

    static func options(_ url: String) -> NATSOptions {
        var options = NATSOptions(url: url)
        options.reconnect = NATSReconnectPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(250))
        options.connectTimeout = .seconds(2)
        return options
    }
}

/// Reads events from a client's event stream.
final class EventWatcher: @unchecked Sendable {
    private var iterator: AsyncStream<NATSEvent>.Iterator
    private(set) var seen: [NATSEvent] = []

    init(_ client: NATSClient) {
        iterator = client.events().makeAsyncIterator()
    }

    /// Waits for the first event (after those already seen) that `matches`.
    func next(within seconds: Double = 60, _ matches: (NATSEvent.Kind) -> Bool) async throws -> NATSEvent {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            let event = try await NATSTestSupport.withTimeout(seconds, "event") { [self] in
                await self.nextRaw()
            }
            guard let event else { break }
            seen.append(event)
            if matches(event.kind) { return event }
        }
        throw NATSTestSupport.TimedOut(what: "event not seen; saw \(seen.map(\.kind))")
    }

    private func nextRaw() async -> NATSEvent? {
        await iterator.next()
    }
}

/// The server a test currently runs, replaced when it restarts the server.
final class ServerSlot: @unchecked Sendable {
    var server: NATSTestServer
    init(_ server: NATSTestServer) { self.server = server }
}
