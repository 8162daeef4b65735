internal import NIOCore

/// A subscription: an asynchronous sequence of the messages delivered to it.
///
/// The sequence ends when the subscription is unsubscribed (or reached its message limit) and
/// when the client closes; it throws if the client closed because of an error (for example
/// after giving up reconnecting) or the server refused the subscription. Messages are buffered
/// between the socket and the reader up to ``NATSOptions/pendingMessagesLimit`` and
/// ``NATSOptions/pendingBytesLimit``; past that they are dropped, counted in
/// ``droppedMessages`` and announced once per episode as a
/// ``NATSEvent/Kind/slowConsumer(subject:)`` event.
///
/// Cancelling the task that iterates ends its iteration; the subscription itself stays active
/// until ``unsubscribe()``. Releasing the subscription (and its iterators) unsubscribes.
public final class NATSSubscription: AsyncSequence, Sendable {
    public typealias Element = NATSMessage

    /// The subscribed subject (possibly with wildcards).
    public let subject: String
    /// The queue group, nil for a plain subscription.
    public let queueGroup: String?
    let sid: UInt64
    let queue: SubscriptionQueue
    let core: ConnectionCore

    init(subject: String, queueGroup: String?, sid: UInt64, queue: SubscriptionQueue, core: ConnectionCore) {
        self.subject = subject
        self.queueGroup = queueGroup
        self.sid = sid
        self.queue = queue
        self.core = core
    }

    deinit {
        let core = self.core
        let sid = self.sid
        core.eventLoop.execute { core.removeSubscription(sid: sid, max: nil) }
    }

    /// Messages dropped because the reader did not keep up.
    public var droppedMessages: Int { queue.droppedCount }

    /// Ends the subscription; messages already buffered are still delivered.
    public func unsubscribe() async {
        let core = self.core
        let sid = self.sid
        try? await core.eventLoop.submit { core.removeSubscription(sid: sid, max: nil) }.get()
    }

    /// Ends the subscription once `count` messages in total have been delivered to it (also
    /// told to the server, so it stops sending).
    public func unsubscribe(after count: Int) async {
        let core = self.core
        let sid = self.sid
        try? await core.eventLoop.submit { core.removeSubscription(sid: sid, max: Swift.max(1, count)) }.get()
    }

    /// The next message, waiting up to `timeout`; nil when the timeout expires or the
    /// subscription ended.
    ///
    /// - Throws: the error the subscription ended with.
    public func next(timeout: Duration) async throws -> NATSMessage? {
        while true {
            switch try await queue.next(timeout: .of(timeout)) {
            case .item(.message(let message)): return message
            case .item(.reconnected): continue
            case .end, .timedOut: return nil
            }
        }
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(subscription: self)
    }

    /// Iterates the messages of a ``NATSSubscription``.
    public struct Iterator: AsyncIteratorProtocol {
        let subscription: NATSSubscription

        /// The next message; nil once the subscription ended or the iterating task is cancelled.
        public mutating func next() async throws -> NATSMessage? {
            while true {
                switch try await subscription.queue.next() {
                case .item(.message(let message)): return message
                case .item(.reconnected), .timedOut: continue
                case .end: return nil
                }
            }
        }
    }
}
