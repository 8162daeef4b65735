import ArgumentParser
import Capture
import Foundation
import NATS

/// `hedgesim signals record`: the live signals from NATS (core or JetStream) into rotated,
/// crash-safe zstd JSONL files (docs/recording.md).
struct SignalsRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record signals from a NATS server (core or JetStream) into rotated .jsonl.zst files.",
        discussion: """
            Each line is the message body as received plus _received_at, _subject (and _stream, \
            _stream_seq with --stream). Messages the signal decoder refuses go to a .rejects.jsonl file \
            with the error. Runs until SIGINT (exit 130) or SIGTERM (exit 143), flushing first.
            """
    )

    @Option(help: "NATS server URL (nats://HOST:PORT, tls://…); repeatable for a cluster.")
    var server: [String]

    @Option(help: "Subject to record (wildcards allowed).")
    var subject: String = "signals.trading.>"

    @Option(name: .shortAndLong, help: "Output folder (created when missing).")
    var out: String

    @Option(help: "File rotation in UTC: daily or hourly.")
    var rotate: String = "daily"

    @Option(help: "NATS credentials file (JWT and nkey seed).")
    var creds: String?

    @Option(help: "User name (with --password).")
    var user: String?

    @Option(help: "Password (with --user).")
    var password: String?

    @Option(help: "Authentication token.")
    var token: String?

    @Option(help: "CA certificate (PEM) to verify the server's TLS certificate; turns TLS on.")
    var tlsCA: String?

    @Option(help: "Read this JetStream stream (ordered consumer) instead of a core subscription.")
    var stream: String?

    @Option(help: "With --stream: start at the first message stored at or after this ISO-8601 time.")
    var since: String?

    @Option(help: "With --stream: start at this stream sequence.")
    var fromSeq: UInt64?

    @Option(help: "How often pending lines are written as a complete zstd frame (e.g. 2s, 500ms).")
    var flushInterval: String = "2s"

    func validate() throws {
        guard !server.isEmpty else { throw ValidationError("--server is required (nats://HOST:PORT)") }
        guard Rotation(rawValue: rotate) != nil else {
            throw ValidationError("--rotate must be daily or hourly (\(rotate))")
        }
        let methods = [creds != nil, user != nil || password != nil, token != nil].filter { $0 }.count
        guard methods <= 1 else { throw ValidationError("give one of --creds, --user/--password, --token") }
        guard (user == nil) == (password == nil) else {
            throw ValidationError("--user and --password go together")
        }
        guard stream != nil || (since == nil && fromSeq == nil) else {
            throw ValidationError("--since and --from-seq need --stream")
        }
        guard since == nil || fromSeq == nil else { throw ValidationError("give --since or --from-seq, not both") }
        if let since, Self.parseTime(since) == nil {
            throw ValidationError("--since must be an ISO-8601 time such as 2026-06-10T00:00:00Z (\(since))")
        }
        guard Self.parseDuration(flushInterval) != nil else {
            throw ValidationError("--flush-interval must be a duration from 10ms to 1h such as 2s (\(flushInterval))")
        }
    }

    func run() throws {
        var options = NATSOptions(servers: server)
        options.name = "hedgesim-signal-recorder"
        options.echo = false
        options.connectTimeout = .seconds(10)
        options.reconnect = NATSReconnectPolicy(initialDelay: .milliseconds(250), maxDelay: .seconds(5))
        if let creds {
            options.authentication = .credentialsFile(path: creds)
        } else if let user, let password {
            options.authentication = .userPassword(user: user, password: password)
        } else if let token {
            options.authentication = .token(token)
        }
        if let tlsCA { options.tls = NATSTLSOptions(caFile: tlsCA) }
        var configuration = RecordingConfiguration(nats: options, directory: out)
        configuration.subject = subject
        configuration.rotation = Rotation(rawValue: rotate) ?? .daily
        configuration.stream = stream
        if let since, let date = Self.parseTime(since) { configuration.start = .time(date) }
        if let fromSeq { configuration.start = .sequence(fromSeq) }
        configuration.flushInterval = Self.parseDuration(flushInterval) ?? .seconds(2)

        let session = RecordingSession(configuration: configuration) { line in
            StatusLine.shared.log(line)
        }
        let stopSignal = StopSignal()
        stopSignal.install { session.stop() }
        let statusTask = Task.detached {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(2))
                StatusLine.shared.draw(session.status)
            }
        }
        let outcome = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(CaptureError) {
                outcome.result = .success(try await session.run())
            } catch {
                outcome.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        statusTask.cancel()
        StatusLine.shared.erase()
        switch outcome.result {
        case .success(let status):
            FileHandle.standardError.write(Data((StatusLine.summary(status, directory: out) + "\n").utf8))
            if let code = stopSignal.exitCode { throw ExitCode(code) }
        case .failure(let error):
            FileHandle.standardError.write(Data((StatusLine.summary(session.status, directory: out) + "\n").utf8))
            CLIError.print(error.message)
            throw ExitCode(Self.exitCode(error.kind))
        case nil:
            throw ExitCode.failure
        }
    }

    /// The exit code of each failure kind (docs/cli.md, Exit codes).
    static func exitCode(_ kind: CaptureError.Kind) -> Int32 {
        switch kind {
        case .unavailable: 69
        case .permission: 77
        case .output: 73
        case .usage: 64
        }
    }

    static func parseTime(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    static func parseDuration(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (unit, scale) in units where text.hasSuffix(unit) {
            guard let value = Double(text.dropLast(unit.count)) else { continue }
            let seconds = value * scale
            guard seconds >= 0.01, seconds <= 3600 else { return nil }
            return .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return nil
    }
}

/// The outcome of the recording task, handed to the waiting command thread.
private final class ResultBox: @unchecked Sendable {
    var result: Result<RecordingStatus, CaptureError>?
}

/// SIGINT and SIGTERM: the first one stops the recording (after a flush); the exit code tells
/// which it was (130, 143). A second one exits at once.
private final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var code: Int32?
    private var sources: [any DispatchSourceSignal] = []

    var exitCode: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return code
    }

    func install(_ stop: @escaping @Sendable () -> Void) {
        for (number, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()
                let again = code != nil
                if code == nil { code = status }
                lock.unlock()
                if again { exit(status) }
                stop()
            }
            source.resume()
            sources.append(source)
        }
    }
}

/// The status line on stderr (only when it is a terminal), log lines, and the summary.
private final class StatusLine: @unchecked Sendable {
    static let shared = StatusLine()
    private let lock = NSLock()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false
    private var previous: (date: Date, messages: Int)?

    func log(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        let prefix = drawn ? "\r\u{1B}[2K" : ""
        drawn = false
        FileHandle.standardError.write(Data((prefix + "hedgesim: " + line + "\n").utf8))
    }

    func draw(_ status: RecordingStatus) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        var rate = 0.0
        if let previous, now > previous.date {
            rate = Double(status.messages - previous.messages) / now.timeIntervalSince(previous.date)
        }
        previous = (now, status.messages)
        var text =
            "recording: \(status.messages) messages  \(Int(rate.rounded()))/s  "
            + "\(Self.megabytes(status.bytes)) MB  \(status.files) files  \(status.rejects) rejects"
        if let gap = status.lastGap { text += "  last gap \(gap)" }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
        drawn = true
    }

    func erase() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        drawn = false
    }

    static func summary(_ status: RecordingStatus, directory: String) -> String {
        var text =
            "recorded \(status.messages - status.rejects) signals and \(status.rejects) rejects "
            + "(\(Self.megabytes(status.bytes)) MB in \(status.files) files) into \(directory)"
        if status.skipped > 0 { text += "; skipped \(status.skipped) already recorded" }
        text += "; \(status.gaps) connection gaps"
        if let gap = status.lastGap { text += " (last \(gap))" }
        return text
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.2f", Double(bytes) / 1_048_576) }
}
