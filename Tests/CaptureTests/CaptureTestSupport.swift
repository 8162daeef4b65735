import Feeds
import Foundation
import NATS
import TestSupport
import Testing

@testable import Capture

/// Shared helpers of the recorder tests: servers, publishing signal files, reading recordings,
/// running the `hedgesim` binary.
enum CaptureTestSupport {
    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out: \(what)" }
    }

    /// Generous: the test machine is heavily loaded.
    static let patience: Duration = .seconds(90)

    /// Starts a server, runs `body`, stops the server whatever happens.
    static func withServer(_ arguments: [String] = [], _ body: (NATSTestServer) async throws -> Void) async throws {
        let server = try await NATSTestServer.start(arguments: arguments)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// A fresh temporary folder.
    static func temporaryDirectory(_ name: String = "capture") throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/\(name)-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Client options for a test server with quick reconnects.
    static func options(_ url: String) -> NATSOptions {
        var options = NATSOptions(url: url)
        options.reconnect = NATSReconnectPolicy(initialDelay: .milliseconds(50), maxDelay: .milliseconds(250))
        options.connectTimeout = .seconds(10)
        return options
    }

    /// The non-blank lines of a signal file (plain or .zst), as bytes.
    static func lines(of path: String) throws -> [[UInt8]] {
        let reader = try LineReader(path: path)
        var lines: [[UInt8]] = []
        while let line = try reader.next() {
            let bytes = Array(line.bytes)
            if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { lines.append(bytes) }
        }
        return lines
    }

    /// Every line of the folder's signal files (sorted by file name), or of its rejects files.
    static func recorded(_ directory: String, rejects: Bool = false) throws -> [[UInt8]] {
        let suffix = rejects ? ".rejects.jsonl" : ".jsonl.zst"
        return try RecordingFiles.list(directory).filter { $0.hasSuffix(suffix) }.flatMap { try lines(of: $0) }
    }

    /// The body of a recorded signal line: the line without the appended `_received_at…` fields.
    static func body(of line: [UInt8]) -> [UInt8]? {
        let key = Array(#""_received_at":"#.utf8)
        guard line.count > key.count else { return nil }
        var start = line.count - key.count
        while start >= 0 {
            if Array(line[start..<(start + key.count)]) == key {
                var end = start
                if end > 0, line[end - 1] == UInt8(ascii: ",") { end -= 1 }
                return Array(line[..<end]) + [UInt8(ascii: "}")]
            }
            start -= 1
        }
        return nil
    }

    /// Polls `condition` until it holds, failing after `patience`.
    static func waitUntil(
        _ what: String, timeout: Duration = patience, _ condition: () throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while try !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Publishes `lines` to `subject` and waits for the server to have them.
    static func publish(_ lines: [[UInt8]], url: String, subject: String = "signals.trading.test") async throws {
        let client = try await NATSClient.connect(options(url))
        for line in lines { try await client.publish(line, to: subject) }
        try await client.flush(timeout: .seconds(60))
        await client.close()
    }

    /// A recording session running in the background.
    final class Running: @unchecked Sendable {
        let session: RecordingSession
        let task: Task<Result<RecordingStatus, CaptureError>, Never>
        let logLines: LogLines

        init(_ configuration: RecordingConfiguration) {
            let lines = LogLines()
            logLines = lines
            let session = RecordingSession(configuration: configuration) { lines.append($0) }
            self.session = session
            task = Task {
                do throws(CaptureError) {
                    return .success(try await session.run())
                } catch {
                    return .failure(error)
                }
            }
        }

        /// Stops the session and returns its final counters.
        func stop() async throws -> RecordingStatus {
            session.stop()
            return try await task.value.get()
        }

        /// Waits until the session logged its start (subscription confirmed).
        func waitUntilRecording() async throws {
            try await waitUntil("recorder started") { self.logLines.all.contains { $0.hasPrefix("recording ") } }
        }
    }

    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) {
            lock.lock()
            lines.append(line)
            lock.unlock()
        }
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return lines
        }
    }

    /// The built `hedgesim` binary.
    static var binary: String {
        for candidate in [".build/debug/hedgesim", ".build/x86_64-unknown-linux-gnu/debug/hedgesim"] {
            let path = Fixtures.path(candidate)
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return Fixtures.path(".build/debug/hedgesim")
    }

    /// A `hedgesim` child process with its output in files.
    final class Child: @unchecked Sendable {
        let process = Process()
        let stderrPath: String
        let stdoutPath: String

        init(_ arguments: [String]) throws {
            let folder = try CaptureTestSupport.temporaryDirectory("child")
            stderrPath = folder + "/stderr"
            stdoutPath = folder + "/stdout"
            _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
            _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
            process.executableURL = URL(fileURLWithPath: CaptureTestSupport.binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.repositoryRoot)
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
            try process.run()
        }

        var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
        var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }

        func signal(_ number: Int32) { kill(process.processIdentifier, number) }

        /// Waits for the exit; returns the status (the signal number when killed by one).
        func wait(timeout: Duration = CaptureTestSupport.patience) async throws -> (status: Int32, signaled: Bool) {
            let deadline = ContinuousClock.now + timeout
            while process.isRunning {
                guard ContinuousClock.now < deadline else {
                    process.terminate()
                    throw TimedOut(what: "hedgesim \(process.arguments ?? [])")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
        }
    }

    /// Runs `hedgesim args…` to the end.
    static func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        let child = try Child(arguments)
        let result = try await child.wait()
        return (result.status, child.stdout, child.stderr)
    }
}
