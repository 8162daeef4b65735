/// The inline status of a header-only control message: `NATS/1.0 503` or
/// `NATS/1.0 100 Idle Heartbeat`.
///
/// Servers send statuses for no responders (503), JetStream idle heartbeats and flow control
/// (100), and the end of pull requests (404 no messages, 408 request timeout, 409 conflicts such
/// as a deleted consumer).
public struct NATSStatus: Sendable, Hashable, CustomStringConvertible {
    /// The three-digit code.
    public var code: Int
    /// The text after the code (`Idle Heartbeat`, `No Messages`, …), empty when absent.
    public var text: String

    /// A status from its code and text.
    public init(code: Int, text: String = "") {
        self.code = code
        self.text = text
    }

    /// 100: an idle heartbeat or a flow-control request (tell them apart by ``text``).
    public static let control = 100
    /// 404: a pull request found no messages.
    public static let noMessages = 404
    /// 408: a pull request expired.
    public static let requestTimeout = 408
    /// 409: a conflict (consumer deleted, leadership change, exceeded limits).
    public static let conflict = 409
    /// 503: nobody subscribes to the subject of a request.
    public static let noResponders = 503

    public var description: String { text.isEmpty ? String(code) : "\(code) \(text)" }
}
