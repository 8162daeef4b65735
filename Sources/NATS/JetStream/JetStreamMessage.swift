public import NIOCore

/// A message read from a JetStream consumer, with its stream metadata and acknowledgements.
public struct JetStreamMessage: Sendable {
    /// The message as delivered (its `replyTo` is the `$JS.ACK.…` subject).
    public let message: NATSMessage
    /// Stream, consumer, sequences and timestamp from the ack subject.
    public let metadata: JetStreamMetadata
    let client: NATSClient

    init(message: NATSMessage, metadata: JetStreamMetadata, client: NATSClient) {
        self.message = message
        self.metadata = metadata
        self.client = client
    }

    /// The subject the message was published to.
    public var subject: String { message.subject }
    /// The payload as published.
    public var payload: ByteBuffer { message.payload }
    /// The headers as published, nil when none.
    public var headers: NATSHeaders? { message.headers }
    /// The payload decoded as UTF-8.
    public var payloadString: String { message.payloadString }

    /// Acknowledges the message (`+ACK`).
    public func ack() async throws {
        try await reply("+ACK")
    }

    /// Acknowledges and waits for the server to confirm it recorded the ack.
    public func ackSync(timeout: Duration = .seconds(5)) async throws {
        guard let replyTo = message.replyTo else { throw JetStreamError.invalidAckSubject("") }
        _ = try await client.request("+ACK", to: replyTo, timeout: timeout)
    }

    /// Asks for redelivery, after `delay` when given (`-NAK`).
    public func nak(delay: Duration? = nil) async throws {
        if let delay {
            try await reply("-NAK {\"delay\": \(delay.nanosecondCount)}")
        } else {
            try await reply("-NAK")
        }
    }

    /// Tells the server the message is still being worked on (`+WPI`), resetting its ack timer.
    public func inProgress() async throws {
        try await reply("+WPI")
    }

    /// Stops redelivery of the message (`+TERM`).
    public func term() async throws {
        try await reply("+TERM")
    }

    private func reply(_ body: String) async throws {
        guard let replyTo = message.replyTo else { throw JetStreamError.invalidAckSubject("") }
        try await client.publish(body, to: replyTo)
    }
}
