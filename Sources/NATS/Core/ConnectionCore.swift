internal import Foundation
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOPosix
internal import NIOSSL

/// The connection state machine behind a ``NATSClient``.
///
/// Every stored property below `shared` is confined to `eventLoop`: methods that touch them run
/// on the loop (callers hop with `eventLoop.execute`/`submit`), which is what makes the class
/// safe to share (`@unchecked Sendable`). Publishing goes through ``OutboundBuffer`` and
/// delivery through ``SubscriptionQueue``, both lock-protected, so the hot paths need no hop.
final class ConnectionCore: @unchecked Sendable {
    enum Phase {
        case idle
        case connecting
        case awaitingInfo(any Channel)
        case tlsHandshake(any Channel)
        /// `CONNECT` and `PING` sent, waiting for the `PONG` that confirms them.
        case awaitingPong(any Channel)
        case connected(any Channel)
        case waitingToReconnect
        case closed
    }

    /// State read from any thread.
    struct Shared {
        var serverInfo: NATSServerInfo?
        var connected = false
        var closed = false
        var connectedServer: String?
    }

    /// Where a subscription's messages go.
    enum Sink {
        case queue(SubscriptionQueue)
        /// The multiplexed request inbox.
        case requests
    }

    final class SubscriptionRecord {
        let sid: UInt64
        let subject: String
        let queueGroup: String?
        let sink: Sink
        var delivered = 0
        /// `delivered` when the current connection received the `SUB` (the server counts a
        /// `UNSUB` maximum from there).
        var deliveredBase = 0
        var max: Int?
        var touched = false

        init(sid: UInt64, subject: String, queueGroup: String?, sink: Sink) {
            self.sid = sid
            self.subject = subject
            self.queueGroup = queueGroup
            self.sink = sink
        }
    }

    /// A PING whose PONG someone waits for (nil promise for keep-alive pings). Loop-confined.
    final class PongWaiter: @unchecked Sendable {
        var promise: EventLoopPromise<Void>?
        init(_ promise: EventLoopPromise<Void>?) { self.promise = promise }
    }

    let eventLoop: any EventLoop
    let options: NATSOptions
    let servers: [ServerAddress]
    let outbound: OutboundBuffer
    let events = EventBroadcaster()
    let shared = NIOLockedValueBox(Shared())
    /// `<inboxPrefix>.<22 random characters>`; request inboxes append `.<n>`.
    let inboxBase: String

    var phase: Phase = .idle
    /// Bumped whenever a channel is abandoned, so its late events are ignored.
    var generation = 0
    var serverIndex = 0
    var currentServer: ServerAddress
    var subscriptions: [UInt64: SubscriptionRecord] = [:]
    var nextSID: UInt64 = 0
    var pongWaiters = CircularBuffer<PongWaiter>()
    /// PONG waiters whose PING has been written to the current channel.
    var sentPings = 0
    var keepalivePingsOutstanding = 0
    var pingTask: RepeatedTask?
    var connectPromise: EventLoopPromise<Void>?
    var handshakeTimeout: Scheduled<Void>?
    var reconnectTask: Scheduled<Void>?
    var reconnectAttempts = 0
    var lastError: NATSError?
    var everConnected = false
    var touched: [SubscriptionRecord] = []
    var requests: [String: EventLoopPromise<NATSMessage>] = [:]
    var requestSID: UInt64?
    var nextRequestID = 0
    var sslContext: NIOSSLContext?
    var closePromise: EventLoopPromise<Void>?

    init(options: NATSOptions, eventLoop: any EventLoop) throws(NATSError) {
        guard !options.servers.isEmpty else { throw .invalidURL("no server given") }
        var parsed: [ServerAddress] = []
        for url in options.servers { parsed.append(try ServerAddress(parsing: url)) }
        servers = parsed
        currentServer = parsed[0]
        self.options = options
        self.eventLoop = eventLoop
        outbound = OutboundBuffer(eventLoop: eventLoop, reconnectLimit: options.reconnectBufferSize)
        inboxBase = options.inboxPrefix + "." + Self.randomToken(22)
        outbound.setFlushAction { [unowned self] in self.flushOutbound() }
    }

    /// A fresh inbox subject (`<inboxPrefix>.<22 random characters>`), outside the request
    /// inbox's wildcard so its messages are delivered once.
    func newInbox() -> String {
        options.inboxPrefix + "." + Self.randomToken(22)
    }

    static func randomToken(_ length: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var generator = SystemRandomNumberGenerator()
        return String(
            decoding: (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }, as: UTF8.self)
    }

    // MARK: lifecycle

    /// Starts the first connection; the future completes once the server confirmed `CONNECT`.
    func start() -> EventLoopFuture<Void> {
        eventLoop.flatSubmit { [self] in
            let promise = eventLoop.makePromise(of: Void.self)
            connectPromise = promise
            attempt()
            return promise.futureResult
        }
    }

    /// Closes the client (on the loop): flushes what is buffered, ends subscriptions, fails
    /// waiters, finishes event streams. Completes when the socket is closed.
    func shutdown(_ reason: NATSError?) -> EventLoopFuture<Void> {
        eventLoop.assertInEventLoop()
        if case .closed = phase {
            return closePromise?.futureResult ?? eventLoop.makeSucceededVoidFuture()
        }
        let promise = eventLoop.makePromise(of: Void.self)
        closePromise = promise
        let channel = currentChannel
        let wasConnected: Bool
        if case .connected = phase { wasConnected = true } else { wasConnected = false }
        phase = .closed
        generation += 1
        handshakeTimeout?.cancel()
        reconnectTask?.cancel()
        pingTask?.cancel()
        pingTask = nil
        let rest = outbound.close()
        shared.withLockedValue {
            $0.closed = true
            $0.connected = false
        }
        let failure = reason ?? .connectionClosed
        while let waiter = pongWaiters.popFirst() { waiter.promise?.fail(failure) }
        sentPings = 0
        let pending = requests
        requests.removeAll()
        for key in pending.keys.sorted() { pending[key]?.fail(failure) }
        let records = subscriptions.values.sorted { $0.sid < $1.sid }
        subscriptions.removeAll()
        for record in records {
            if case .queue(let queue) = record.sink { queue.finish(reason) }
        }
        connectPromise?.fail(failure)
        connectPromise = nil
        if let channel {
            if wasConnected, rest.readableBytes > 0 {
                channel.writeAndFlush(rest).whenComplete { _ in channel.close(promise: nil) }
            } else {
                channel.close(promise: nil)
            }
            channel.closeFuture.whenComplete { _ in promise.succeed() }
        } else {
            promise.succeed()
        }
        if everConnected {
            events.emit(.closed(reason: reason))
        }
        events.finish()
        return promise.futureResult
    }

    var currentChannel: (any Channel)? {
        switch phase {
        case .awaitingInfo(let channel), .tlsHandshake(let channel), .awaitingPong(let channel),
            .connected(let channel):
            return channel
        case .idle, .connecting, .waitingToReconnect, .closed:
            return nil
        }
    }

    var isClosed: Bool {
        if case .closed = phase { return true }
        return false
    }

    /// True when `SUB`/`UNSUB` should go to the outbound buffer now: the current connection has
    /// sent (or is about to confirm) `CONNECT` with the subscription table.
    var subscriptionsTravelNow: Bool {
        switch phase {
        case .connected, .awaitingPong: return true
        default: return false
        }
    }

    // MARK: writing

    /// Writes the outbound buffer to the channel (on the loop).
    func flushOutbound() {
        guard case .connected(let channel) = phase else { return }
        guard channel.isWritable else { return }
        let (data, pings) = outbound.take()
        sentPings += pings
        if data.readableBytes > 0 {
            channel.writeAndFlush(data, promise: nil)
        }
    }

    /// Sends a PING and completes when its PONG arrives.
    func flush(timeout: TimeAmount) -> EventLoopFuture<Void> {
        eventLoop.flatSubmit { [self] in
            guard case .connected = phase else {
                return eventLoop.makeFailedFuture(isClosed ? NATSError.connectionClosed : NATSError.notConnected)
            }
            let promise = eventLoop.makePromise(of: Void.self)
            let waiter = PongWaiter(promise)
            pongWaiters.append(waiter)
            outbound.appendPing()
            let seconds = Double(timeout.nanoseconds) / 1e9
            let timer = eventLoop.scheduleTask(in: timeout) {
                waiter.promise = nil
                promise.fail(NATSError.timeout(operation: "flush", seconds: seconds))
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
            return promise.futureResult
        }
    }

    func handlePong() {
        switch phase {
        case .awaitingPong(let channel):
            handshakeCompleted(channel)
        case .connected:
            keepalivePingsOutstanding = 0
            guard sentPings > 0, let waiter = pongWaiters.popFirst() else { return }
            sentPings -= 1
            let promise = waiter.promise
            waiter.promise = nil
            promise?.succeed()
        default:
            break
        }
    }

    func startKeepalive() {
        pingTask?.cancel()
        let interval = TimeAmount.of(options.pingInterval)
        pingTask = eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [unowned self] _ in
            self.keepalive()
        }
    }

    private func keepalive() {
        guard case .connected(let channel) = phase else { return }
        if keepalivePingsOutstanding >= options.maxPingsOutstanding {
            lastError = .staleConnection
            channel.close(promise: nil)
            return
        }
        keepalivePingsOutstanding += 1
        pongWaiters.append(PongWaiter(nil))
        outbound.appendPing()
    }

    // MARK: delivery

    func deliver(sid: UInt64, _ message: NATSMessage) {
        guard let record = subscriptions[sid] else { return }
        record.delivered += 1
        switch record.sink {
        case .queue(let queue):
            switch queue.enqueue(.message(message)) {
            case .queued:
                if !record.touched {
                    record.touched = true
                    touched.append(record)
                }
            case .droppedFirst:
                events.emit(.slowConsumer(subject: record.subject))
            case .dropped, .finished:
                break
            }
            if let max = record.max, record.delivered >= max {
                subscriptions[sid] = nil
                queue.finish()
            }
        case .requests:
            resolveRequest(message)
        }
    }

    /// Wakes the readers of the subscriptions that received messages in this read.
    func endOfReadBatch() {
        guard !touched.isEmpty else { return }
        for record in touched {
            record.touched = false
            if case .queue(let queue) = record.sink { queue.signal() }
        }
        touched.removeAll(keepingCapacity: true)
    }
}
