public import Foundation

/// Something that happened to the connection, with the wall-clock time the client saw it.
///
/// A subscriber on core NATS cannot see messages published while it was disconnected: the
/// `disconnected`/`reconnected` pair marks that gap.
public struct NATSEvent: Sendable, Equatable {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// The first connection is up.
        case connected(server: String)
        /// The connection was lost; the client reconnects unless the policy forbids it.
        case disconnected(server: String, reason: NATSError)
        /// A reconnect attempt failed; another follows after the backoff.
        case reconnectAttemptFailed(server: String, attempt: Int, error: NATSError)
        /// A new connection is up, subscriptions are active again.
        case reconnected(server: String, attempts: Int)
        /// The server announced it is shutting down (lame duck mode).
        case lameDuckMode(server: String)
        /// The server reported an error that does not close the connection (permissions).
        case serverError(NATSError)
        /// A subscription started dropping messages because its buffer is full.
        case slowConsumer(subject: String)
        /// The client is closed; nil after ``NATSClient/close()``, the cause otherwise.
        case closed(reason: NATSError?)
    }

    /// What happened.
    public var kind: Kind
    /// When the client saw it.
    public var date: Date

    /// An event.
    public init(_ kind: Kind, date: Date = Date()) {
        self.kind = kind
        self.date = date
    }
}
