public import Foundation

/// The configuration of a JetStream stream (the subset this client sets; the server fills the
/// rest with its defaults).
public struct StreamConfig: Sendable, Equatable, Codable {
    /// How long messages are kept.
    public enum Retention: String, Sendable, Codable {
        /// Until a limit (count, bytes, age) removes them.
        case limits
        /// While a consumer is interested.
        case interest
        /// Until a consumer acknowledges them.
        case workqueue
    }

    /// Where messages are stored.
    public enum Storage: String, Sendable, Codable {
        case file
        case memory
    }

    /// The stream name (no spaces, dots, `*` or `>`).
    public var name: String
    /// The subjects stored (wildcards allowed).
    public var subjects: [String]
    /// The retention policy.
    public var retention: Retention
    /// The storage backend.
    public var storage: Storage
    /// The most messages kept (nil: no limit).
    public var maxMessages: Int64?
    /// The most bytes kept (nil: no limit).
    public var maxBytes: Int64?
    /// The longest a message is kept (nil: forever).
    public var maxAge: Duration?
    /// The window in which a repeated `Nats-Msg-Id` is a duplicate.
    public var duplicateWindow: Duration?
    /// Replicas in a cluster.
    public var replicas: Int?

    /// A file-backed stream with limits retention.
    public init(
        name: String, subjects: [String], retention: Retention = .limits, storage: Storage = .file,
        maxMessages: Int64? = nil, maxBytes: Int64? = nil, maxAge: Duration? = nil, duplicateWindow: Duration? = nil,
        replicas: Int? = nil
    ) {
        self.name = name
        self.subjects = subjects
        self.retention = retention
        self.storage = storage
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
        self.maxAge = maxAge
        self.duplicateWindow = duplicateWindow
        self.replicas = replicas
    }

    enum CodingKeys: String, CodingKey {
        case name, subjects, retention, storage
        case maxMessages = "max_msgs"
        case maxBytes = "max_bytes"
        case maxAge = "max_age"
        case duplicateWindow = "duplicate_window"
        case replicas = "num_replicas"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        subjects = try c.decodeIfPresent([String].self, forKey: .subjects) ?? []
        retention = try c.decodeIfPresent(Retention.self, forKey: .retention) ?? .limits
        storage = try c.decodeIfPresent(Storage.self, forKey: .storage) ?? .file
        maxMessages = try c.decodeIfPresent(Int64.self, forKey: .maxMessages).flatMap { $0 < 0 ? nil : $0 }
        maxBytes = try c.decodeIfPresent(Int64.self, forKey: .maxBytes).flatMap { $0 < 0 ? nil : $0 }
        maxAge = try c.decodeIfPresent(Int64.self, forKey: .maxAge).flatMap { $0 <= 0 ? nil : .nanoseconds($0) }
        duplicateWindow = try c.decodeIfPresent(Int64.self, forKey: .duplicateWindow).map { .nanoseconds($0) }
        replicas = try c.decodeIfPresent(Int.self, forKey: .replicas)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(subjects, forKey: .subjects)
        try c.encode(retention, forKey: .retention)
        try c.encode(storage, forKey: .storage)
        try c.encodeIfPresent(maxMessages, forKey: .maxMessages)
        try c.encodeIfPresent(maxBytes, forKey: .maxBytes)
        try c.encodeIfPresent(maxAge.map(\.nanosecondCount), forKey: .maxAge)
        try c.encodeIfPresent(duplicateWindow.map(\.nanosecondCount), forKey: .duplicateWindow)
        try c.encodeIfPresent(replicas, forKey: .replicas)
    }
}

/// A stream's configuration and state (`$JS.API.STREAM.INFO.<stream>`).
public struct StreamInfo: Sendable, Equatable, Decodable {
    /// The configuration.
    public var config: StreamConfig
    /// When the stream was created.
    public var created: Date?
    /// What the stream holds now.
    public var state: StreamState

    enum CodingKeys: String, CodingKey {
        case config, created, state
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        config = try c.decode(StreamConfig.self, forKey: .config)
        created = try c.decodeIfPresent(String.self, forKey: .created).flatMap(RFC3339.date(from:))
        state = try c.decode(StreamState.self, forKey: .state)
    }
}

/// What a stream holds.
public struct StreamState: Sendable, Equatable, Decodable {
    /// Messages stored.
    public var messages: UInt64
    /// Bytes stored.
    public var bytes: UInt64
    /// The sequence of the oldest message (1 + the last sequence when empty).
    public var firstSequence: UInt64
    /// The sequence of the newest message (0 when nothing was ever stored).
    public var lastSequence: UInt64
    /// When the oldest message was stored, in nanoseconds since 1970.
    public var firstTimestamp: Int64?
    /// When the newest message was stored, in nanoseconds since 1970.
    public var lastTimestamp: Int64?
    /// Consumers defined on the stream.
    public var consumerCount: Int

    enum CodingKeys: String, CodingKey {
        case messages, bytes
        case firstSequence = "first_seq"
        case lastSequence = "last_seq"
        case firstTimestamp = "first_ts"
        case lastTimestamp = "last_ts"
        case consumerCount = "consumer_count"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        messages = try c.decodeIfPresent(UInt64.self, forKey: .messages) ?? 0
        bytes = try c.decodeIfPresent(UInt64.self, forKey: .bytes) ?? 0
        firstSequence = try c.decodeIfPresent(UInt64.self, forKey: .firstSequence) ?? 0
        lastSequence = try c.decodeIfPresent(UInt64.self, forKey: .lastSequence) ?? 0
        firstTimestamp = try c.decodeIfPresent(String.self, forKey: .firstTimestamp).flatMap(RFC3339.nanoseconds(from:))
        lastTimestamp = try c.decodeIfPresent(String.self, forKey: .lastTimestamp).flatMap(RFC3339.nanoseconds(from:))
        consumerCount = try c.decodeIfPresent(Int.self, forKey: .consumerCount) ?? 0
    }
}

/// The acknowledgement of a JetStream publish.
public struct PubAck: Sendable, Equatable, Decodable {
    /// The stream that stored the message.
    public var stream: String
    /// The message's sequence in the stream.
    public var sequence: UInt64
    /// True when the stream had already stored a message with this `Nats-Msg-Id`.
    public var duplicate: Bool
    /// The JetStream domain, if any.
    public var domain: String?

    enum CodingKeys: String, CodingKey {
        case stream
        case sequence = "seq"
        case duplicate, domain
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stream = try c.decode(String.self, forKey: .stream)
        sequence = try c.decode(UInt64.self, forKey: .sequence)
        duplicate = try c.decodeIfPresent(Bool.self, forKey: .duplicate) ?? false
        domain = try c.decodeIfPresent(String.self, forKey: .domain)
    }
}

extension Duration {
    /// The duration in whole nanoseconds (JetStream's JSON unit for durations).
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
