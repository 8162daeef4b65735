internal import NIOConcurrencyHelpers
internal import NIOCore

/// The bytes waiting to be written to the server, shared by every publishing task and the
/// event loop.
///
/// Publishers append encoded operations under a lock and schedule at most one flush on the event
/// loop at a time, so a burst of publishes becomes one socket write. While the client is
/// disconnected the buffer keeps publishes up to the reconnect limit; the connection writes them
/// after `CONNECT` and the re-subscriptions of the next connection. A publisher that runs ahead
/// of the socket waits once the buffer holds more than ``highWaterMark`` bytes.
final class OutboundBuffer: Sendable {
    static let highWaterMark = 2 << 20

    private struct State {
        var buffer: ByteBuffer
        /// PINGs in `buffer` (their PONG waiters are queued on the connection).
        var pings = 0
        var flushScheduled = false
        /// True while a connection accepts writes (after its handshake).
        var live = false
        var closed = false
        var maxPayload = 1 << 20
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: NIOLockedValueBox<State>
    private let reconnectLimit: Int
    private let eventLoop: any EventLoop
    /// Called on the event loop to write the buffer out; set once by the connection.
    private let flushAction: NIOLockedValueBox<(@Sendable () -> Void)?> = NIOLockedValueBox(nil)

    init(eventLoop: any EventLoop, reconnectLimit: Int) {
        self.eventLoop = eventLoop
        self.reconnectLimit = reconnectLimit
        state = NIOLockedValueBox(State(buffer: ByteBufferAllocator().buffer(capacity: 4096)))
    }

    func setFlushAction(_ action: @escaping @Sendable () -> Void) {
        flushAction.withLockedValue { $0 = action }
    }

    var maxPayload: Int {
        get { state.withLockedValue { $0.maxPayload } }
        set { state.withLockedValue { $0.maxPayload = newValue } }
    }

    /// Appends one operation; publishes are checked against `max_payload` and, while
    /// disconnected, against the reconnect limit.
    ///
    /// - Returns: true when the caller should wait for the buffer to drain (``waitForDrain()``).
    func append(payloadSize: Int?, _ write: (inout ByteBuffer) -> Void) throws(NATSError) -> Bool {
        let result: Result<(schedule: Bool, wait: Bool), NATSError> = state.withLockedValue { state in
            if state.closed { return .failure(.connectionClosed) }
            if let payloadSize {
                if payloadSize > state.maxPayload {
                    return .failure(.maxPayloadExceeded(size: payloadSize, limit: state.maxPayload))
                }
                if !state.live, state.buffer.readableBytes + payloadSize > reconnectLimit {
                    return .failure(.reconnectBufferExceeded(limit: reconnectLimit))
                }
            }
            write(&state.buffer)
            let schedule = state.live && !state.flushScheduled
            if schedule { state.flushScheduled = true }
            return .success((schedule, state.live && state.buffer.readableBytes > Self.highWaterMark))
        }
        let outcome = try result.get()
        if outcome.schedule { scheduleFlush() }
        return outcome.wait
    }

    /// Appends a PING (the connection queues its PONG waiter).
    func appendPing() {
        let schedule = state.withLockedValue { state in
            state.buffer.writeStaticString("PING\r\n")
            state.pings += 1
            let schedule = state.live && !state.flushScheduled
            if schedule { state.flushScheduled = true }
            return schedule
        }
        if schedule { scheduleFlush() }
    }

    private func scheduleFlush() {
        let action = flushAction.withLockedValue { $0 }
        if let action { eventLoop.execute(action) }
    }

    /// Waits until the buffer is below the high-water mark or the connection is not live.
    func waitForDrain() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLockedValue { state in
                if !state.live || state.closed || state.buffer.readableBytes <= Self.highWaterMark { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Takes everything buffered (on the event loop, to write it); the count of PINGs in it.
    func take() -> (ByteBuffer, pings: Int) {
        let (taken, pings, waiters): (ByteBuffer, Int, [CheckedContinuation<Void, Never>]) = state.withLockedValue {
            state in
            state.flushScheduled = false
            let pings = state.pings
            state.pings = 0
            let waiters = state.drainWaiters
            state.drainWaiters = []
            guard state.buffer.readableBytes > 0 else { return (ByteBuffer(), pings, waiters) }
            let capacity = max(4096, min(state.buffer.readableBytes, 1 << 20))
            var taken = ByteBufferAllocator().buffer(capacity: capacity)
            swap(&taken, &state.buffer)
            return (taken, pings, waiters)
        }
        for waiter in waiters { waiter.resume() }
        return (taken, pings)
    }

    /// Marks that no flush is pending (the loop found the channel not writable).
    func flushDeferred() {
        state.withLockedValue { $0.flushScheduled = false }
    }

    /// Starts or stops handing the buffer to a connection.
    func setLive(_ live: Bool) {
        let waiters = state.withLockedValue { state in
            state.live = live
            state.flushScheduled = false
            let waiters = state.drainWaiters
            state.drainWaiters = []
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses further appends; returns what was still buffered.
    func close() -> ByteBuffer {
        let (rest, waiters) = state.withLockedValue { state in
            state.closed = true
            state.live = false
            let waiters = state.drainWaiters
            state.drainWaiters = []
            var rest = ByteBuffer()
            swap(&rest, &state.buffer)
            return (rest, waiters)
        }
        for waiter in waiters { waiter.resume() }
        return rest
    }
}
