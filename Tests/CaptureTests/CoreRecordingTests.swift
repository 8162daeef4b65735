import Feeds
import Foundation
import NATS
import TestSupport
import Testing
import TradeEngine

@testable import Capture

/// Recording from core NATS with a real `nats-server`.
@Suite(
    .serialized,
    .enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct CoreRecordingTests {
    static let signalFile = Fixtures.path("data/signals/quickstart.jsonl.zst")

    @Test func everyMessageIsRecordedOnceByteForByteWithMonotonicReceiveTimes() async throws {
        try await CaptureTestSupport.withServer { server in
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(server.url), directory: directory)
            configuration.flushInterval = .milliseconds(200)
            let running = CaptureTestSupport.Running(configuration)
            try await running.waitUntilRecording()
            let original = try CaptureTestSupport.lines(of: Self.signalFile)
            let badText = String(decoding: original[0], as: UTF8.self).replacingOccurrences(
                of: #""action":"buy""#, with: #""action":"buyy""#)
            let bad = Array(badText.utf8)
            var decoderError = ""
            do throws(SignalDecodingError) {
                _ = try SignalDecoder.decode(badText, file: "f", line: 1)
            } catch {
                decoderError = "\(error.message) (\(error.value))"
            }
            #expect(decoderError == "unknown action (buyy)")
            try await CaptureTestSupport.publish(
                Array(original[..<100]) + [bad] + Array(original[100...]), url: server.url)
            try await CaptureTestSupport.waitUntil("all recorded") {
                running.session.status.messages == original.count + 1
            }
            let status = try await running.stop()
            #expect(status.messages == original.count + 1)
            #expect(status.rejects == 1)

            let recorded = try CaptureTestSupport.recorded(directory)
            #expect(recorded.count == original.count)
            #expect(recorded.map { CaptureTestSupport.body(of: $0) ?? [] } == original)
            let times = recorded.map { line in line.withUnsafeBytes { RecordLine.receivedAt(in: $0) ?? "" } }
            #expect(times.allSatisfy { $0.count == 27 && $0.hasSuffix("Z") })
            #expect(times == times.sorted())
            let subject = String(decoding: recorded[0], as: UTF8.self)
            #expect(subject.hasSuffix(#","_subject":"signals.trading.test"}"#))

            let rejects = try CaptureTestSupport.recorded(directory, rejects: true)
            #expect(rejects.count == 1)
            let reject = String(decoding: rejects[0], as: UTF8.self)
            #expect(reject.contains(#""_error":"unknown action (buyy)""#))
            var body: [UInt8] = []
            RecordLine.appendString(bad[...], to: &body)
            #expect(reject.hasSuffix(#","_body":"# + String(decoding: body, as: UTF8.self) + "}"))
        }
    }

    @Test func aServerRestartIsLoggedAsAGapAndRecordingContinues() async throws {
        try await CaptureTestSupport.withServer { first in
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(first.url), directory: directory)
            configuration.flushInterval = .milliseconds(200)
            let running = CaptureTestSupport.Running(configuration)
            try await running.waitUntilRecording()
            let original = try CaptureTestSupport.lines(of: Self.signalFile)
            try await CaptureTestSupport.publish(Array(original[..<10]), url: first.url)
            try await CaptureTestSupport.waitUntil("first part") { running.session.status.messages == 10 }
            await first.stop()
            let second = try await first.restart()
            do {
                try await CaptureTestSupport.waitUntil("gap logged") { running.session.status.gaps == 1 }
                try await CaptureTestSupport.publish(Array(original[10..<20]), url: second.url)
                try await CaptureTestSupport.waitUntil("second part") { running.session.status.messages == 20 }
                let status = try await running.stop()
                #expect(status.lastGap != nil)
                #expect(running.logLines.all.contains { $0.contains("were not recorded") })
                #expect(
                    try CaptureTestSupport.recorded(directory).map { CaptureTestSupport.body(of: $0) ?? [] }
                        == Array(original[..<20]))
            } catch {
                await second.stop()
                throw error
            }
            await second.stop()
        }
    }

    @Test func aCutLastFrameIsRepairedOnRestart() async throws {
        try await CaptureTestSupport.withServer { server in
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(server.url), directory: directory)
            configuration.flushInterval = .milliseconds(100)
            let original = try CaptureTestSupport.lines(of: Self.signalFile)
            let first = CaptureTestSupport.Running(configuration)
            try await first.waitUntilRecording()
            try await CaptureTestSupport.publish(Array(original[..<50]), url: server.url)
            try await CaptureTestSupport.waitUntil("recorded") { first.session.status.messages == 50 }
            _ = try await first.stop()
            // A crash in the middle of writing a frame: half a frame at the end of the file.
            let file = try #require(RecordingFiles.list(directory).first)
            let handle = try #require(FileHandle(forWritingAtPath: file))
            handle.seekToEndOfFile()
            handle.write(Data(Array(ZstdCompressor.compress(Array("hello, world\n".utf8)).prefix(9))))
            try handle.close()
            #expect(throws: (any Error).self) { try CaptureTestSupport.recorded(directory) }
            let second = CaptureTestSupport.Running(configuration)
            try await second.waitUntilRecording()
            #expect(second.logLines.all.contains { $0.hasPrefix("repaired \(file): removed 9 bytes") })
            try await CaptureTestSupport.publish(Array(original[50..<60]), url: server.url)
            try await CaptureTestSupport.waitUntil("recorded") { second.session.status.messages == 10 }
            _ = try await second.stop()
            #expect(
                try CaptureTestSupport.recorded(directory).map { CaptureTestSupport.body(of: $0) ?? [] }
                    == Array(original[..<60]))
        }
    }
}
