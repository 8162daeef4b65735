import Foundation
import NATS
import TestSupport
import Testing

@testable import Capture

/// `hedgesim signals record` as a process: exit codes, signals, `kill -9`, and a run on what it
/// recorded.
@Suite(
    .serialized,
    .enabled(if: NATSTestServer.isAvailable, "nats-server not found (install the Debian package nats-server)"))
struct RecorderCommandTests {
    @Test func anUnreachableServerExits69() async throws {
        let out = try await CaptureTestSupport.run([
            "signals", "record", "--server", "nats://127.0.0.1:1", "--out", try CaptureTestSupport.temporaryDirectory(),
        ])
        #expect(out.status == 69)
        #expect(out.stderr.contains("hedgesim: cannot connect to NATS server 127.0.0.1:1: "))
    }

    @Test func refusedCredentialsExit77() async throws {
        let config = try CaptureTestSupport.temporaryDirectory("conf") + "/server.conf"
        try "authorization { user: rec, password: right }\n".write(toFile: config, atomically: true, encoding: .utf8)
        try await CaptureTestSupport.withServer(["-c", config]) { server in
            let out = try await CaptureTestSupport.run([
                "signals", "record", "--server", server.url, "--user", "rec", "--password", "wrong", "--out",
                try CaptureTestSupport.temporaryDirectory(),
            ])
            #expect(out.status == 77)
            #expect(out.stderr.contains("refused the credentials (Authorization Violation)"))
        }
    }

    @Test func anOutputThatIsNotAFolderExits73() async throws {
        let file = try CaptureTestSupport.temporaryDirectory() + "/file"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        let out = try await CaptureTestSupport.run([
            "signals", "record", "--server", "nats://127.0.0.1:1", "--out", file,
        ])
        #expect(out.status == 73)
        #expect(out.stderr.contains("hedgesim: output is not a folder (\(file))"))
    }

    @Test func sigtermFlushesAndExits143() async throws {
        try await CaptureTestSupport.withServer { server in
            let directory = try CaptureTestSupport.temporaryDirectory()
            let child = try CaptureTestSupport.Child([
                "signals", "record", "--server", server.url, "--out", directory, "--flush-interval", "1h",
            ])
            try await CaptureTestSupport.waitUntil("recorder started") { child.stderr.contains("recording signals") }
            let original = try CaptureTestSupport.lines(of: CoreRecordingTests.signalFile)
            try await CaptureTestSupport.publish(Array(original[..<25]), url: server.url)
            try await Task.sleep(for: .seconds(1))
            child.signal(SIGTERM)
            let result = try await child.wait()
            #expect(result.status == 143)
            #expect(child.stderr.contains("recorded 25 signals and 0 rejects"))
            #expect(
                try CaptureTestSupport.recorded(directory).map { CaptureTestSupport.body(of: $0) ?? [] }
                    == Array(original[..<25]))
        }
    }

    @Test func killMinus9LeavesReadableFilesMissingAtMostTheFlushInterval() async throws {
        try await CaptureTestSupport.withServer { server in
            let directory = try CaptureTestSupport.temporaryDirectory()
            let child = try CaptureTestSupport.Child([
                "signals", "record", "--server", server.url, "--out", directory, "--flush-interval", "200ms",
            ])
            try await CaptureTestSupport.waitUntil("recorder started") { child.stderr.contains("recording signals") }
            let original = try CaptureTestSupport.lines(of: CoreRecordingTests.signalFile)
            try await CaptureTestSupport.publish(Array(original[..<1000]), url: server.url)
            // Everything published more than a flush interval ago is on disk.
            try await CaptureTestSupport.waitUntil("flushed") {
                (try? CaptureTestSupport.recorded(directory).count) == 1000
            }
            try await CaptureTestSupport.publish(Array(original[1000...]), url: server.url)
            child.signal(SIGKILL)
            let result = try await child.wait()
            #expect(result.signaled)
            // Read with the reader `hedgesim run` uses: every frame on disk is complete.
            let recorded = try CaptureTestSupport.recorded(directory).map { CaptureTestSupport.body(of: $0) ?? [] }
            #expect(recorded.count >= 1000)
            #expect(recorded == Array(original[..<recorded.count]))
        }
    }

    @Test func aRunOnTheRecordingDecidesAsOnTheOriginalFile() async throws {
        try await CaptureTestSupport.withServer { server in
            let directory = try CaptureTestSupport.temporaryDirectory()
            var configuration = RecordingConfiguration(
                nats: CaptureTestSupport.options(server.url), directory: directory)
            configuration.flushInterval = .milliseconds(200)
            let running = CaptureTestSupport.Running(configuration)
            try await running.waitUntilRecording()
            let original = try CaptureTestSupport.lines(of: CoreRecordingTests.signalFile)
            try await CaptureTestSupport.publish(original, url: server.url)
            try await CaptureTestSupport.waitUntil("all recorded") { running.session.status.messages == original.count }
            _ = try await running.stop()
            let recording = try #require(RecordingFiles.list(directory).first)

            func decisions(_ signals: String) async throws -> [String: String] {
                let folder = try CaptureTestSupport.temporaryDirectory("run")
                let out = try await CaptureTestSupport.run([
                    "run", "scenarios/quickstart.yaml", "--quiet", "--set", "signals=\(signals)", "--out",
                    folder + "/report.sqlite", "--csv", folder,
                ])
                #expect(out.status == 0, "\(out.stderr)")
                var tables: [String: String] = [:]
                for table in ["signal_decisions", "strategy_positions", "strategy_summary"] {
                    let text = (try? String(contentsOfFile: folder + "/\(table).csv", encoding: .utf8)) ?? ""
                    // The `file` column names the signal file; everything else must be identical.
                    tables[table] = text.replacingOccurrences(of: signals, with: "SIGNALS")
                        .replacingOccurrences(of: (signals as NSString).lastPathComponent, with: "SIGNALS")
                }
                return tables
            }
            let expected = try await decisions(CoreRecordingTests.signalFile)
            let actual = try await decisions(recording)
            #expect(!(expected["signal_decisions"] ?? "").isEmpty)
            for table in expected.keys.sorted() { #expect(actual[table] == expected[table], "\(table)") }
        }
    }
}
