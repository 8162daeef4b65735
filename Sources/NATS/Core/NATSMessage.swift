public import NIOCore

/// A message as delivered to a subscription (`MSG` or `HMSG`).
///
/// The payload is a `ByteBuffer` slice of the bytes the client read from the socket: delivering
/// a message copies nothing. ``payloadBytes`` and ``payloadString`` copy out when needed.
public struct NATSMessage: Sendable, Hashable {
    /// The subject the message was published to.
    public var subject: String
    /// The reply subject the publisher attached, nil when none.
    public var replyTo: String?
    /// The headers, nil for a message sent without headers (`MSG`).
    public var headers: NATSHeaders?
    /// The payload bytes exactly as published.
    public var payload: ByteBuffer

    /// A message from its parts.
    public init(subject: String, replyTo: String? = nil, headers: NATSHeaders? = nil, payload: ByteBuffer) {
        self.subject = subject
        self.replyTo = replyTo
        self.headers = headers
        self.payload = payload
    }

    /// The inline status of a control message (no responders, heartbeats, pull statuses).
    public var status: NATSStatus? { headers?.status }

    /// A copy of the payload as an array.
    public var payloadBytes: [UInt8] { Array(payload.readableBytesView) }

    /// The payload decoded as UTF-8 (invalid sequences replaced).
    public var payloadString: String { String(decoding: payload.readableBytesView, as: UTF8.self) }
}
