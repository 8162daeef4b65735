public import Foundation

/// What the reply subject of a JetStream message says about it.
///
/// Servers send `$JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<time>.<pending>`
/// (9 tokens) or, since 2.9, `$JS.ACK.<domain>.<account hash>.<stream>.<consumer>.<delivered>.
/// <stream seq>.<consumer seq>.<time>.<pending>[.<token>]` (11 or more tokens, domain `_` for
/// none).
public struct JetStreamMetadata: Sendable, Hashable {
    /// The JetStream domain, nil when none.
    public var domain: String?
    /// The account hash of the newer layout, nil in the older.
    public var accountHash: String?
    /// The stream name.
    public var stream: String
    /// The consumer name.
    public var consumer: String
    /// How many times this message has been delivered (1 on first delivery).
    public var delivered: UInt64
    /// The message's sequence in the stream.
    public var streamSequence: UInt64
    /// The delivery's sequence in the consumer.
    public var consumerSequence: UInt64
    /// When the stream stored the message, in nanoseconds since 1970 (UTC).
    public var timestamp: Int64
    /// Messages still pending for the consumer after this one.
    public var pending: UInt64

    /// Parses a `$JS.ACK.…` reply subject.
    ///
    /// - Throws: ``JetStreamError/invalidAckSubject(_:)`` for any other subject.
    public init(ackSubject: String) throws(JetStreamError) {
        let tokens = ackSubject.split(separator: ".", omittingEmptySubsequences: false)
        guard tokens.count >= 9, tokens[0] == "$JS", tokens[1] == "ACK", tokens.count == 9 || tokens.count >= 11
        else { throw .invalidAckSubject(ackSubject) }
        let base: Int
        if tokens.count == 9 {
            domain = nil
            accountHash = nil
            base = 2
        } else {
            domain = tokens[2] == "_" || tokens[2].isEmpty ? nil : String(tokens[2])
            accountHash = String(tokens[3])
            base = 4
        }
        func number(_ index: Int) throws(JetStreamError) -> UInt64 {
            guard let value = UInt64(tokens[index]) else { throw .invalidAckSubject(ackSubject) }
            return value
        }
        stream = String(tokens[base])
        consumer = String(tokens[base + 1])
        guard !stream.isEmpty, !consumer.isEmpty else { throw .invalidAckSubject(ackSubject) }
        delivered = try number(base + 2)
        streamSequence = try number(base + 3)
        consumerSequence = try number(base + 4)
        let time = try number(base + 5)
        guard time <= UInt64(Int64.max) else { throw .invalidAckSubject(ackSubject) }
        timestamp = Int64(time)
        pending = try number(base + 6)
    }

    /// ``timestamp`` as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(timestamp) / 1e9) }
}
