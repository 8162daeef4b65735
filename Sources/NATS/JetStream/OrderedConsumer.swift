/// Reads a stream in order, every message once, without acknowledgements — the way to replay or
/// record a stream.
///
/// It is a chain of ephemeral pull consumers (memory storage, no acks, one replica): the client
/// checks that consumer sequences follow each other, and when one is missing, the inbox dropped
/// a delivery (slow reader), the connection was replaced, the server deleted the consumer or
/// heartbeats stopped, it creates a new consumer starting at the stream sequence after the last
/// message it delivered. A server
/// restart therefore neither loses nor repeats a message of a file-backed stream.
public struct OrderedConsumer: Sendable {
    /// The JetStream context.
    public let jetStream: JetStream
    /// The stream read.
    public let stream: String
    /// Where the first consumer starts (later ones continue after the last message delivered).
    public var deliverPolicy: ConsumerConfig.DeliverPolicy
    /// Only messages on this subject (wildcards allowed), nil for all.
    public var filterSubject: String?
    /// Messages asked for per pull request.
    public var batch = 500
    /// How long a pull request lives on the server.
    public var expires: Duration = .seconds(30)
    /// The heartbeat asked of the server while a request waits; two missed ones recreate the
    /// consumer.
    public var idleHeartbeat: Duration = .seconds(5)
    /// How long an abandoned consumer lingers on the server.
    public var inactiveThreshold: Duration = .seconds(300)
    /// Attempts to recreate a consumer (after a gap or reconnect) before giving up; each waits
    /// 100 ms doubling to 2 s.
    public var maxRecreateAttempts = 120

    /// An ordered consumer on a stream (see ``JetStream/orderedConsumer(stream:deliverPolicy:filterSubject:)``).
    public init(
        jetStream: JetStream, stream: String, deliverPolicy: ConsumerConfig.DeliverPolicy = .all,
        filterSubject: String? = nil
    ) {
        self.jetStream = jetStream
        self.stream = stream
        self.deliverPolicy = deliverPolicy
        self.filterSubject = filterSubject
    }

    /// The messages, from the deliver policy on, as they are stored.
    public func messages() -> Messages {
        Messages(consumer: self)
    }

    /// The message sequence of an ``OrderedConsumer``.
    public struct Messages: AsyncSequence, Sendable {
        public typealias Element = JetStreamMessage

        let consumer: OrderedConsumer

        public func makeAsyncIterator() -> Iterator {
            Iterator(consumer: consumer)
        }

        /// Iterates an ordered consumer; keeps the position (last stream sequence delivered).
        public struct Iterator: AsyncIteratorProtocol {
            let consumer: OrderedConsumer
            private var feed: PullFeed?
            /// The stream sequence of the last message returned, 0 before the first.
            public private(set) var streamSequence: UInt64 = 0
            private var consumerSequence: UInt64 = 0
            /// How many times the consumer was recreated (gaps, reconnects, lost heartbeats).
            public private(set) var resets = 0

            init(consumer: OrderedConsumer) {
                self.consumer = consumer
            }

            /// The next message in stream order; nil when the client closed or the task was
            /// cancelled.
            ///
            /// - Throws: API errors when the first consumer cannot be created (no such stream),
            ///   ``JetStreamError/recreateFailed(stream:attempts:lastError:)``, connection errors.
            public mutating func next() async throws -> JetStreamMessage? {
                if feed == nil {
                    try await create(retrying: false)
                }
                while let current = feed {
                    if Task.isCancelled {
                        await current.stop()
                        return nil
                    }
                    switch try await current.next() {
                    case .message(let message, let metadata):
                        guard metadata.consumerSequence == consumerSequence + 1 else {
                            try await reset()
                            continue
                        }
                        consumerSequence = metadata.consumerSequence
                        streamSequence = metadata.streamSequence
                        return JetStreamMessage(message: message, metadata: metadata, client: consumer.jetStream.client)
                    case .reconnected, .stalled, .dropped, .consumerDeleted:
                        try await reset()
                    case .ended:
                        return nil
                    }
                }
                return nil
            }

            private mutating func reset() async throws {
                resets += 1
                if let old = feed {
                    feed = nil
                    await old.stop()
                    let jetStream = consumer.jetStream
                    let stream = consumer.stream
                    let name = old.consumer
                    Task { try? await jetStream.deleteConsumer(stream: stream, name: name) }
                }
                try await create(retrying: true)
            }

            private mutating func create(retrying: Bool) async throws {
                var config = ConsumerConfig(
                    deliverPolicy: streamSequence == 0 ? consumer.deliverPolicy : .byStartSequence(streamSequence + 1),
                    ackPolicy: .none, filterSubject: consumer.filterSubject, replayPolicy: .instant,
                    inactiveThreshold: consumer.inactiveThreshold, replicas: 1, memoryStorage: true)
                config.maxDeliver = nil
                var attempt = 0
                var delay: Duration = .milliseconds(100)
                while true {
                    attempt += 1
                    do {
                        let info = try await consumer.jetStream.createConsumer(stream: consumer.stream, config: config)
                        let fresh = PullFeed(
                            jetStream: consumer.jetStream, stream: consumer.stream, consumer: info.name,
                            batch: consumer.batch, expires: consumer.expires, heartbeat: consumer.idleHeartbeat)
                        try await fresh.start()
                        feed = fresh
                        consumerSequence = 0
                        return
                    } catch NATSError.connectionClosed {
                        throw NATSError.connectionClosed
                    } catch {
                        guard retrying, !consumer.jetStream.client.isClosed else { throw error }
                        guard attempt < consumer.maxRecreateAttempts else {
                            throw JetStreamError.recreateFailed(
                                stream: consumer.stream, attempts: attempt, lastError: String(describing: error))
                        }
                        try await Task.sleep(for: delay)
                        delay = Swift.min(delay * 2, .seconds(2))
                    }
                }
            }
        }
    }
}
