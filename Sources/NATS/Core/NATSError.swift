/// Everything the client reports as a failure.
///
/// Each case carries the value that went wrong; ``description`` reads
/// `what is wrong (the value)`, the project's style for errors a user sees.
public enum NATSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A server URL that cannot be parsed.
    case invalidURL(String)
    /// The TCP connection to a server could not be made (refused, unreachable, DNS).
    case connectionFailed(server: String, reason: String)
    /// The connection and handshake did not finish within the connect timeout.
    case connectTimeout(server: String, seconds: Double)
    /// The server rejected the credentials: `-ERR 'Authorization Violation'` and its relatives
    /// (authentication expired, authorization timeout). `message` is the server's text.
    case authorizationViolation(server: String, message: String)
    /// The server requires TLS and the client has it disabled, or the reverse.
    case tlsMismatch(server: String, reason: String)
    /// The TLS handshake or the TLS configuration failed.
    case tlsFailure(reason: String)
    /// The server sent an `-ERR` that is not about authorization.
    case serverError(String)
    /// Bytes from the server that do not follow the NATS protocol.
    case protocolError(String)
    /// A payload (with headers) larger than the server's `max_payload`.
    case maxPayloadExceeded(size: Int, limit: Int)
    /// A subject or queue group that is empty or contains whitespace.
    case invalidSubject(String)
    /// A header name or value that cannot be sent (empty name, `:` in a name, CR or LF).
    case invalidHeader(String)
    /// An operation that needs a live connection was called while reconnecting.
    case notConnected
    /// The client was closed (by ``NATSClient/close()``, or after giving up reconnecting).
    case connectionClosed
    /// The connection dropped while the operation was in flight.
    case connectionLost(reason: String)
    /// A request, flush or other operation did not complete in time.
    case timeout(operation: String, seconds: Double)
    /// A request found no subscriber on its subject (status 503).
    case noResponders(subject: String)
    /// The client stopped hearing PONGs (``NATSOptions/maxPingsOutstanding`` pings unanswered).
    case staleConnection
    /// Publishing while disconnected filled the reconnect buffer.
    case reconnectBufferExceeded(limit: Int)
    /// Reconnecting gave up after the configured number of attempts.
    case reconnectAttemptsExhausted(attempts: Int)
    /// An nkey seed or public key that cannot be decoded.
    case invalidNKey(String)
    /// A `.creds` file (or text) that is not a decorated JWT plus user seed.
    case invalidCredentials(String)
    /// The server asks for a signed nonce but the options hold no nkey or credentials.
    case missingCredentials(String)
    /// A subscription's buffer was full and messages were dropped (slow consumer).
    case slowConsumer(subject: String, dropped: Int)
    /// The server refused a subscription (`Permissions Violation for Subscription to …`).
    case permissionsViolation(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "invalid NATS server URL (\(url))"
        case .connectionFailed(let server, let reason): "cannot connect to NATS server \(server): \(reason)"
        case .connectTimeout(let server, let seconds):
            "no NATS handshake with \(server) within \(Self.format(seconds)) s"
        case .authorizationViolation(let server, let message):
            "NATS server \(server) refused the credentials (\(message))"
        case .tlsMismatch(let server, let reason): "TLS mismatch with NATS server \(server): \(reason)"
        case .tlsFailure(let reason): "TLS failure (\(reason))"
        case .serverError(let message): "NATS server error (\(message))"
        case .protocolError(let message): "NATS protocol error: \(message)"
        case .maxPayloadExceeded(let size, let limit):
            "payload of \(size) bytes exceeds the server's max_payload (\(limit))"
        case .invalidSubject(let subject): "invalid NATS subject (\(subject))"
        case .invalidHeader(let header): "invalid NATS header (\(header))"
        case .notConnected: "not connected to a NATS server"
        case .connectionClosed: "the NATS connection is closed"
        case .connectionLost(let reason): "the NATS connection was lost (\(reason))"
        case .timeout(let operation, let seconds): "\(operation) timed out after \(Self.format(seconds)) s"
        case .noResponders(let subject): "no responders on subject (\(subject))"
        case .staleConnection: "stale NATS connection (pings unanswered)"
        case .reconnectBufferExceeded(let limit): "reconnect buffer full (\(limit) bytes)"
        case .reconnectAttemptsExhausted(let attempts): "gave up reconnecting after \(attempts) attempts"
        case .invalidNKey(let reason): "invalid nkey: \(reason)"
        case .invalidCredentials(let reason): "invalid NATS credentials: \(reason)"
        case .missingCredentials(let reason): "missing NATS credentials: \(reason)"
        case .slowConsumer(let subject, let dropped): "slow consumer on \(subject): dropped \(dropped) messages"
        case .permissionsViolation(let message): "NATS permissions violation (\(message))"
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
