import Foundation
import NATS
import NIOCore
import TestSupport
import Testing

@testable import Capture

/// Recording from a JetStream stream with a real `nats-server -js`.
@Suite(
    .serialized,
    .enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct JetStreamRecordingTests {
    /// A JetStream server with stream SIGNALS on `signals.trading.>`, its store in a fresh folder.
    private func withStream(_ body: (ServerBox) async throws -> Void) async throws {
        let store = try CaptureTestSupport.temporaryDirectory("js-store")
        let box = ServerBox(try await NATSTestServer.start(arguments: ["-js", "-sd", store]))
        do {
            let client = try await NATSClient.connect(CaptureTestSupport.options(box.server.url))
            _ = try await JetStream(client: client, requestTimeout: .seconds(30)).createStream(
                StreamConfig(name: "SIGNALS", subjects: ["signals.trading.>"]))
            await client.close()
            try await body(box)
        } catch {
            await box.server.stop()
            throw error
        }
        await box.server.stop()
    }

    final class ServerBox: @unchecked Sendable {
        var server: NATSTestServer
        init(_ server: NATSTestServer) { self.server = server }
    }

    /// Publishes with acknowledgement, retrying while JetStream recovers after a restart.
    private static func publish(_ lines: ArraySlice<[UInt8]>, url: String) async throws {
        let client = try await NATSClient.connect(CaptureTestSupport.options(url))
        let js = JetStream(client: client, requestTimeout: .seconds(30))
        for (offset, line) in zip(lines.indices, lines) {
            var attempts = 0
            while true {
                do {
                    _ = try await js.publish(ByteBuffer(bytes: line), to: "signals.trading.t", messageID: "m-\(offset)")
                    break
                } catch {
                    attempts += 1
                    if attempts > 300 { throw error }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        await client.close()
    }

    private static func sequences(_ directory: String) throws -> [UInt64] {
        try CaptureTestSupport.recorded(directory).map { line in
            line.withUnsafeBytes { RecordLine.streamSequence(in: $0, stream: "SIGNALS") ?? 0 }
        }
    }

    @Test(arguments: [false, true])
    func aServerRestartLosesNothingAndDuplicatesNothing(crash: Bool) async throws {
        try await withStream { box in
            let original = Array(try CaptureTestSupport.lines(of: CoreRecordingTests.signalFile)[..<600])
            try await Self.publish(original[..<300], url: box.server.url)
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(box.server.url), directory: directory)
            configuration.stream = "SIGNALS"
            configuration.flushInterval = .milliseconds(200)
            let running = CaptureTestSupport.Running(configuration)
            try await CaptureTestSupport.waitUntil("first part") { running.session.status.messages >= 300 }
            if crash { await box.server.kill() } else { await box.server.stop() }
            box.server = try await box.server.restart()
            try await Self.publish(original[300...], url: box.server.url)
            try await CaptureTestSupport.waitUntil("all recorded") { running.session.status.lastSequence == 600 }
            _ = try await running.stop()
            #expect(try Self.sequences(directory) == (1...600).map(UInt64.init))
            #expect(
                try CaptureTestSupport.recorded(directory).map { CaptureTestSupport.body(of: $0) ?? [] } == original)
        }
    }

    @Test func backfillAgainOverTheSameRangeAddsNothing() async throws {
        try await withStream { box in
            let original = Array(try CaptureTestSupport.lines(of: CoreRecordingTests.signalFile)[..<200])
            try await Self.publish(original[...], url: box.server.url)
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(box.server.url), directory: directory)
            configuration.stream = "SIGNALS"
            configuration.start = .sequence(101)
            configuration.flushInterval = .milliseconds(200)
            var running = CaptureTestSupport.Running(configuration)
            try await CaptureTestSupport.waitUntil("second half") { running.session.status.lastSequence == 200 }
            _ = try await running.stop()
            #expect(try Self.sequences(directory) == (101...200).map(UInt64.init))

            configuration.start = .sequence(1)
            running = CaptureTestSupport.Running(configuration)
            try await CaptureTestSupport.waitUntil("whole stream") {
                running.session.status.lastSequence == 100 && running.session.status.skipped == 100
            }
            // Resuming (the default start) continues after the last recorded sequence: nothing new.
            _ = try await running.stop()
            configuration.start = .resume
            running = CaptureTestSupport.Running(configuration)
            try await CaptureTestSupport.waitUntil("resumed") {
                running.logLines.all.contains { $0.contains("after sequence 200") }
            }
            try await Task.sleep(for: .seconds(1))
            let status = try await running.stop()
            #expect(status.messages == 0)
            let sequences = try Self.sequences(directory)
            #expect(sequences.sorted() == (1...200).map(UInt64.init))
            #expect(Set(sequences).count == 200)
        }
    }
}
