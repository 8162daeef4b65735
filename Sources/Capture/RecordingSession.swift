import Foundation
import NATS
import NIOCore
import TradeEngine

/// A running recording: subscribes (core NATS) or reads a stream (JetStream ordered consumer),
/// checks each message with the signal decoder, and appends it to the signals file or, when the
/// decoder refuses it, to the rejects file (see ``RecordLine``). Frames are closed every flush
/// interval; ``stop()`` ends the recording after a last flush.
public final class RecordingSession: @unchecked Sendable {
    /// The configuration.
    public let configuration: RecordingConfiguration
    private let log: @Sendable (String) -> Void
    private let writer: RecordingWriter
    private let lock = NSLock()
    private var state = RecordingStatus()
    private var client: NATSClient?
    private var stopping = false
    private var disconnectedAt: Date?

    /// A session for `configuration`; `log` receives one line per notable event (gaps,
    /// repairs, reconnects).
    public init(configuration: RecordingConfiguration, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.log = log
        writer = RecordingWriter(directory: configuration.directory, rotation: configuration.rotation)
    }

    /// The counters so far.
    public var status: RecordingStatus {
        let totals = writer.totals
        lock.lock()
        defer { lock.unlock() }
        var copy = state
        copy.bytes = totals.bytes
        copy.files = totals.files
        return copy
    }

    /// Ends the recording: the receive loop stops, the pending lines are written, ``run()``
    /// returns.
    public func stop() {
        lock.lock()
        stopping = true
        let client = self.client
        lock.unlock()
        if let client { Task { await client.close() } }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    private var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopping
    }

    /// Connects and records until ``stop()`` (or a fatal error); returns the final counters.
    public func run() async throws(CaptureError) -> RecordingStatus {
        try prepareDirectory()
        var skip = Set<UInt64>()
        var deliver = ConsumerConfig.DeliverPolicy.all
        if let stream = configuration.stream {
            skip = try RecordingFiles.recordedSequences(in: configuration.directory, stream: stream)
            switch configuration.start {
            case .resume:
                if let last = skip.max() {
                    deliver = .byStartSequence(last + 1)
                    log("resuming stream \(stream) after sequence \(last) (already in \(configuration.directory))")
                }
            case .time(let date): deliver = .byStartTime(date)
            case .sequence(let sequence): deliver = .byStartSequence(sequence)
            }
        }
        let client: NATSClient
        do {
            client = try await NATSClient.connect(configuration.nats)
        } catch {
            throw Self.classify(error)
        }
        let stopNow = locked {
            self.client = client
            return stopping
        }
        if stopNow { await client.close() }

        let events = Task { [self] in await watch(client.events()) }
        let flusher = Task { [self] in await flushPeriodically() }
        defer {
            events.cancel()
            flusher.cancel()
        }
        var failure: CaptureError?
        do {
            if let stream = configuration.stream {
                try await consume(stream: stream, client: client, deliver: deliver, skip: skip)
            } else {
                try await subscribe(client: client)
            }
        } catch let error as CaptureError {
            failure = error
        } catch {
            if !isStopping { failure = Self.classify(error) }
        }
        await client.close()
        do throws(CaptureError) {
            try writer.close()
        } catch {
            failure = failure ?? error
        }
        if let failure { throw failure }
        return status
    }

    private func prepareDirectory() throws(CaptureError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: configuration.directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw CaptureError(.output, "output is not a folder (\(configuration.directory))")
            }
        } else {
            do {
                try FileManager.default.createDirectory(
                    atPath: configuration.directory, withIntermediateDirectories: true)
            } catch {
                throw CaptureError(.output, "cannot create the output folder (\(configuration.directory))")
            }
        }
        guard access(configuration.directory, W_OK) == 0 else {
            throw CaptureError(.output, "cannot write to the output folder (\(configuration.directory))")
        }
        for path in RecordingFiles.list(configuration.directory) {
            let removed = try RecordingFiles.repair(path)
            if removed > 0 { log("repaired \(path): removed \(removed) bytes of an unfinished write") }
        }
    }

    private func subscribe(client: NATSClient) async throws {
        let subscription = try await client.subscribe(to: configuration.subject)
        // The server has the subscription once a PING round trip confirms it.
        try await client.flush(timeout: .seconds(30))
        log("recording \(configuration.subject) from \(configuration.nats.servers.joined(separator: ","))")
        var clock = ReceiveClock()
        var decoder = SignalDecoder()
        for try await message in subscription {
            let micros = clock.now()
            try record(message.payload, subject: message.subject, stream: nil, sequence: 0, at: micros, &decoder)
            if isStopping { break }
        }
    }

    private func consume(
        stream: String, client: NATSClient, deliver: ConsumerConfig.DeliverPolicy, skip: Set<UInt64>
    ) async throws {
        let jetStream = JetStream(client: client, requestTimeout: .seconds(30))
        do {
            _ = try await jetStream.streamInfo(stream)
        } catch let error as JetStreamError {
            throw CaptureError(.unavailable, "cannot read JetStream stream \(stream): \(error)")
        }
        log(
            "recording stream \(stream) (\(configuration.subject)) from \(configuration.nats.servers.joined(separator: ","))"
        )
        var consumer = jetStream.orderedConsumer(
            stream: stream, deliverPolicy: deliver,
            filterSubject: configuration.subject == ">" ? nil : configuration.subject)
        consumer.maxRecreateAttempts = Int.max
        var decoder = SignalDecoder()
        var iterator = consumer.messages().makeAsyncIterator()
        while let message = try await iterator.next() {
            let sequence = message.metadata.streamSequence
            if skip.contains(sequence) {
                locked { state.skipped += 1 }
                continue
            }
            let micros = message.metadata.timestamp / 1000
            try record(
                message.payload, subject: message.subject, stream: stream, sequence: sequence, at: micros, &decoder)
            if isStopping { break }
        }
    }

    private func record(
        _ payload: ByteBuffer, subject: String, stream: String?, sequence: UInt64, at micros: Int64,
        _ decoder: inout SignalDecoder
    ) throws(CaptureError) {
        var rejected = false
        var failure: CaptureError?
        payload.withUnsafeReadableBytes { body in
            var error: SignalDecodingError?
            do throws(SignalDecodingError) {
                _ = try decoder.decode(body, file: subject, line: 1)
            } catch let e {
                error = e
            }
            do throws(CaptureError) {
                try writer.append(at: micros) { signals, rejects in
                    if let error {
                        rejected = true
                        RecordLine.appendReject(
                            body: body, error: "\(error.message) (\(error.value))", receivedAt: micros,
                            subject: subject,
                            stream: stream, sequence: sequence, to: &rejects)
                    } else {
                        RecordLine.appendSignal(
                            body: body, receivedAt: micros, subject: subject, stream: stream, sequence: sequence,
                            to: &signals)
                    }
                }
            } catch let e {
                failure = e
            }
        }
        if let failure { throw failure }
        lock.lock()
        state.messages += 1
        if rejected { state.rejects += 1 }
        if stream != nil { state.lastSequence = sequence }
        lock.unlock()
    }

    private func flushPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.flushInterval)
            if Task.isCancelled { return }
            do {
                try writer.flush()
            } catch {
                log("\(error)")
                stop()
                return
            }
        }
    }

    private func watch(_ events: AsyncStream<NATSEvent>) async {
        for await event in events {
            switch event.kind {
            case .disconnected(let server, let reason):
                locked { disconnectedAt = event.date }
                if !isStopping { log("lost the connection to \(server) at \(Self.time(event.date)): \(reason)") }
            case .reconnected(let server, let attempts):
                let gap: String = locked {
                    let since = disconnectedAt ?? event.date
                    let gap =
                        "\(Self.time(since))–\(Self.time(event.date)) "
                        + "(\(String(format: "%.3f", event.date.timeIntervalSince(since))) s)"
                    state.gaps += 1
                    state.lastGap = gap
                    return gap
                }
                if configuration.stream == nil {
                    log(
                        "reconnected to \(server) after \(attempts) attempts; gap \(gap): "
                            + "messages published on core NATS meanwhile were not recorded")
                } else {
                    log(
                        "reconnected to \(server) after \(attempts) attempts; the stream consumer resumes, nothing is lost"
                    )
                }
            case .slowConsumer(let subject):
                log("slow consumer on \(subject): the server or client dropped messages")
            case .serverError(let error):
                log("server error: \(error)")
            default: break
            }
        }
    }

    private static func time(_ date: Date) -> String {
        ReceiveClock.iso8601(Int64((date.timeIntervalSince1970 * 1e6).rounded()))
    }

    /// The capture error for a connection or JetStream error.
    static func classify(_ error: any Error) -> CaptureError {
        if let error = error as? CaptureError { return error }
        if let error = error as? NATSError {
            switch error {
            case .authorizationViolation, .missingCredentials, .invalidCredentials, .invalidNKey,
                .permissionsViolation:
                return CaptureError(.permission, error.description)
            case .invalidURL, .invalidSubject:
                return CaptureError(.usage, error.description)
            default:
                return CaptureError(.unavailable, error.description)
            }
        }
        return CaptureError(.unavailable, "\(error)")
    }
}
