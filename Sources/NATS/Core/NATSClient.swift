internal import NIOConcurrencyHelpers
public import NIOCore
internal import NIOPosix

/// A connection to a NATS server (or cluster), with publish, subscribe, request/reply and the
/// base for ``JetStream``.
///
/// ```swift
/// let client = try await NATSClient.connect(NATSOptions(url: "nats://127.0.0.1:4222"))
/// let subscription = try await client.subscribe(to: "signals.trading.>")
/// try await client.publish("hello", to: "signals.trading.demo")
/// for try await message in subscription { print(message.subject, message.payloadString) }
/// await client.close()
/// ```
///
/// The client reconnects on its own after a lost connection (``NATSReconnectPolicy``), sends
/// `CONNECT` again and re-subscribes every subscription; ``events()`` tells when the connection
/// went down and came back. Messages published while it was down are not seen by core NATS
/// subscriptions: JetStream consumers (``OrderedConsumer``, ``PullConsumer``) close such gaps.
///
/// All methods may be called from any task. Call ``close()`` when done; dropping the last
/// reference also closes the connection, without waiting.
public final class NATSClient: Sendable {
    let core: ConnectionCore

    private init(core: ConnectionCore) {
        self.core = core
    }

    deinit {
        let core = self.core
        core.eventLoop.execute { _ = core.shutdown(nil) }
    }

    /// Connects to the first reachable server of the options and completes the handshake.
    ///
    /// - Parameters:
    ///   - options: servers, credentials, TLS, timeouts and limits.
    ///   - eventLoopGroup: the group whose loop runs the connection; the shared NIO singleton by
    ///     default.
    /// - Throws: ``NATSError/connectionFailed(server:reason:)``,
    ///   ``NATSError/connectTimeout(server:seconds:)``,
    ///   ``NATSError/authorizationViolation(server:message:)``, TLS and URL errors.
    public static func connect(
        _ options: NATSOptions, eventLoopGroup: (any EventLoopGroup)? = nil
    ) async throws -> NATSClient {
        let group = eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        let core = try ConnectionCore(options: options, eventLoop: group.next())
        try await core.start().get()
        return NATSClient(core: core)
    }

    /// Connects to one server URL with default options.
    public static func connect(to url: String) async throws -> NATSClient {
        try await connect(NATSOptions(url: url))
    }

    /// The `INFO` of the current (or last) server.
    public var serverInfo: NATSServerInfo? { core.shared.withLockedValue { $0.serverInfo } }

    /// True while a connection is established.
    public var isConnected: Bool { core.shared.withLockedValue { $0.connected } }

    /// True once the client is closed.
    public var isClosed: Bool { core.shared.withLockedValue { $0.closed } }

    /// A new stream of connection events. Each call returns an independent stream that starts
    /// with the next event; it ends when the client closes.
    public func events() -> AsyncStream<NATSEvent> {
        core.events.stream()
    }

    /// A new unique inbox subject (`<inboxPrefix>.<22 random characters>`).
    public func newInbox() -> String {
        core.newInbox()
    }

    // MARK: publishing

    /// Publishes bytes to a subject.
    ///
    /// Returns once the message is in the outbound buffer (a flush follows on the event loop);
    /// waits only when the buffer is far ahead of the socket. While reconnecting, messages are
    /// kept up to ``NATSOptions/reconnectBufferSize``.
    ///
    /// - Throws: ``NATSError/invalidSubject(_:)``, ``NATSError/maxPayloadExceeded(size:limit:)``,
    ///   ``NATSError/invalidHeader(_:)``, ``NATSError/reconnectBufferExceeded(limit:)``,
    ///   ``NATSError/connectionClosed``.
    public func publish(
        _ payload: ByteBuffer, to subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil
    ) async throws {
        try Self.validateSubject(subject)
        if let replyTo { try Self.validateSubject(replyTo) }
        let headerLength: Int
        if let headers {
            try headers.validateForWire()
            headerLength = headers.wireLength
        } else {
            headerLength = 0
        }
        let mustWait = try core.outbound.append(payloadSize: payload.readableBytes + headerLength) {
            $0.writePublish(subject: subject, replyTo: replyTo, headers: headers, payload: payload)
        }
        if mustWait { await core.outbound.waitForDrain() }
    }

    /// Publishes an array of bytes.
    public func publish(
        _ payload: [UInt8], to subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil
    ) async throws {
        try await publish(ByteBuffer(bytes: payload), to: subject, replyTo: replyTo, headers: headers)
    }

    /// Publishes the UTF-8 bytes of a string.
    public func publish(
        _ payload: String, to subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil
    ) async throws {
        try await publish(ByteBuffer(string: payload), to: subject, replyTo: replyTo, headers: headers)
    }

    /// Waits until the server has processed everything published so far (PING/PONG).
    ///
    /// - Throws: ``NATSError/timeout(operation:seconds:)``, ``NATSError/notConnected`` while
    ///   reconnecting, ``NATSError/connectionLost(reason:)``.
    public func flush(timeout: Duration = .seconds(5)) async throws {
        try await core.flush(timeout: .of(timeout)).get()
    }

    /// The round-trip time of one PING/PONG.
    public func roundTripTime(timeout: Duration = .seconds(5)) async throws -> Duration {
        let start = ContinuousClock.now
        try await flush(timeout: timeout)
        return ContinuousClock.now - start
    }

    // MARK: subscribing

    /// Subscribes to a subject (wildcards `*` and `>` allowed), optionally in a queue group.
    ///
    /// Iterate the returned ``NATSSubscription`` to receive messages.
    ///
    /// - Throws: ``NATSError/invalidSubject(_:)``, ``NATSError/connectionClosed``.
    public func subscribe(to subject: String, queueGroup: String? = nil) async throws -> NATSSubscription {
        try await subscribe(to: subject, queueGroup: queueGroup, connectionMarkers: false)
    }

    func subscribe(to subject: String, queueGroup: String?, connectionMarkers: Bool) async throws -> NATSSubscription {
        try Self.validateSubject(subject)
        if let queueGroup { try Self.validateSubject(queueGroup) }
        let core = self.core
        let queue = SubscriptionQueue(
            eventLoop: core.eventLoop, messageLimit: core.options.pendingMessagesLimit,
            byteLimit: core.options.pendingBytesLimit, wantsConnectionMarkers: connectionMarkers)
        let sid = try await core.eventLoop.submit {
            try core.addSubscription(subject: subject, queueGroup: queueGroup, sink: .queue(queue))
        }.get()
        return NATSSubscription(subject: subject, queueGroup: queueGroup, sid: sid, queue: queue, core: core)
    }

    // MARK: request/reply

    /// Publishes a request and waits for the first response on a private inbox.
    ///
    /// All requests share one wildcard subscription (`<inbox>.*`).
    ///
    /// - Throws: ``NATSError/noResponders(subject:)`` when nobody subscribes to the subject,
    ///   ``NATSError/timeout(operation:seconds:)``, publish errors; `CancellationError` when the
    ///   task is cancelled.
    public func request(
        _ payload: ByteBuffer, to subject: String, headers: NATSHeaders? = nil, timeout: Duration = .seconds(5)
    ) async throws -> NATSMessage {
        try Self.validateSubject(subject)
        let core = self.core
        let registration = try await core.eventLoop.submit {
            try core.registerRequest(subject: subject, timeout: .of(timeout))
        }.get()
        let token = registration.token
        do {
            try await publish(payload, to: subject, replyTo: registration.inbox, headers: headers)
        } catch {
            core.eventLoop.execute { core.abandonRequest(token: token, error: error) }
            throw error
        }
        let response = try await withTaskCancellationHandler {
            try await registration.response.get()
        } onCancel: {
            core.eventLoop.execute { core.abandonRequest(token: token, error: CancellationError()) }
        }
        if response.status?.code == NATSStatus.noResponders, response.payload.readableBytes == 0 {
            throw NATSError.noResponders(subject: subject)
        }
        return response
    }

    /// Sends a request with an array of bytes.
    public func request(
        _ payload: [UInt8], to subject: String, headers: NATSHeaders? = nil, timeout: Duration = .seconds(5)
    ) async throws -> NATSMessage {
        try await request(ByteBuffer(bytes: payload), to: subject, headers: headers, timeout: timeout)
    }

    /// Sends a request with the UTF-8 bytes of a string.
    public func request(
        _ payload: String, to subject: String, headers: NATSHeaders? = nil, timeout: Duration = .seconds(5)
    ) async throws -> NATSMessage {
        try await request(ByteBuffer(string: payload), to: subject, headers: headers, timeout: timeout)
    }

    // MARK: closing

    /// Flushes buffered publishes, ends every subscription and closes the connection.
    public func close() async {
        let core = self.core
        try? await core.eventLoop.flatSubmit { core.shutdown(nil) }.get()
    }

    static func validateSubject(_ subject: String) throws(NATSError) {
        guard !subject.isEmpty,
            subject.utf8.allSatisfy({ $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A })
        else { throw .invalidSubject(subject) }
    }
}
