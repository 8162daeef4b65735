/// A handle on a pull consumer that exists on the server (typically durable, with explicit
/// acks): one-shot ``fetch(batch:expires:noWait:)`` or a continuous ``messages(batch:expires:idleHeartbeat:)``.
///
/// A durable consumer keeps its position on the server: a new client (after a restart) that
/// fetches from it continues after the last acknowledged message.
public struct PullConsumer: Sendable {
    /// The JetStream context.
    public let jetStream: JetStream
    /// The stream.
    public let stream: String
    /// The consumer's name.
    public let name: String

    /// The consumer's configuration and progress.
    public func info() async throws -> ConsumerInfo {
        try await jetStream.consumerInfo(stream: stream, name: name)
    }

    /// One pull request for up to `batch` messages.
    ///
    /// - Parameters:
    ///   - expires: how long the server holds the request when fewer messages are available.
    ///   - noWait: return at once with what is available.
    /// - Returns: the messages received, possibly fewer than `batch` (none when the stream has
    ///   nothing new).
    public func fetch(
        batch: Int, expires: Duration = .seconds(5), noWait: Bool = false
    ) async throws
        -> [JetStreamMessage]
    {
        try await PullFeed.fetch(
            jetStream: jetStream, stream: stream, consumer: name, batch: batch, expires: expires, noWait: noWait)
    }

    /// Messages as they become available, pulled `batch` at a time; requests expire after
    /// `expires` and carry an idle heartbeat (at most half of `expires`) so a lost request is
    /// noticed and replaced.
    public func messages(
        batch: Int = 500, expires: Duration = .seconds(30), idleHeartbeat: Duration? = .seconds(5)
    ) -> Messages {
        Messages(consumer: self, batch: batch, expires: expires, heartbeat: idleHeartbeat)
    }

    /// The continuous message sequence of a ``PullConsumer``.
    public struct Messages: AsyncSequence, Sendable {
        public typealias Element = JetStreamMessage

        let consumer: PullConsumer
        let batch: Int
        let expires: Duration
        let heartbeat: Duration?

        public func makeAsyncIterator() -> Iterator {
            Iterator(messages: self)
        }

        /// Iterates a ``PullConsumer/Messages`` sequence.
        public struct Iterator: AsyncIteratorProtocol {
            let messages: Messages
            private var feed: PullFeed?

            init(messages: Messages) {
                self.messages = messages
            }

            /// The next message; nil when the client closed.
            ///
            /// - Throws: ``JetStreamError/consumerDeleted(_:)``, pull and connection errors.
            public mutating func next() async throws -> JetStreamMessage? {
                let consumer = messages.consumer
                if feed == nil {
                    let fresh = PullFeed(
                        jetStream: consumer.jetStream, stream: consumer.stream, consumer: consumer.name,
                        batch: messages.batch, expires: messages.expires, heartbeat: messages.heartbeat)
                    try await fresh.start()
                    feed = fresh
                }
                while let feed {
                    if Task.isCancelled {
                        await feed.stop()
                        return nil
                    }
                    switch try await feed.next() {
                    case .message(let message, let metadata):
                        return JetStreamMessage(message: message, metadata: metadata, client: consumer.jetStream.client)
                    case .reconnected, .stalled, .dropped:
                        continue
                    case .consumerDeleted:
                        throw JetStreamError.consumerDeleted(consumer.name)
                    case .ended:
                        return nil
                    }
                }
                return nil
            }
        }
    }
}
