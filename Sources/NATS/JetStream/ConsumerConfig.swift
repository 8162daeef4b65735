public import Foundation

/// The configuration of a JetStream consumer (pull consumers: no deliver subject).
public struct ConsumerConfig: Sendable, Equatable, Codable {
    /// Where in the stream the consumer starts.
    public enum DeliverPolicy: Sendable, Equatable {
        /// From the first message.
        case all
        /// From the last message.
        case last
        /// Only messages stored after the consumer was created.
        case new
        /// From a stream sequence.
        case byStartSequence(UInt64)
        /// From the first message stored at or after a time.
        case byStartTime(Date)
        /// The last message of each subject.
        case lastPerSubject
    }

    /// How deliveries are acknowledged.
    public enum AckPolicy: String, Sendable, Codable {
        /// No acknowledgements (ordered consumers, recorders).
        case none
        /// An ack acknowledges every earlier message too.
        case all
        /// Each message is acknowledged on its own.
        case explicit
    }

    /// The pace of delivery.
    public enum ReplayPolicy: String, Sendable, Codable {
        /// As fast as the client pulls.
        case instant
        /// At the pace the messages were stored.
        case original
    }

    /// The consumer name (ephemeral consumers may leave it nil: the server picks one).
    public var name: String?
    /// The durable name; a durable consumer survives client restarts.
    public var durableName: String?
    /// A description.
    public var description: String?
    /// Where delivery starts.
    public var deliverPolicy: DeliverPolicy
    /// How deliveries are acknowledged.
    public var ackPolicy: AckPolicy
    /// How long the server waits for an ack before redelivering.
    public var ackWait: Duration?
    /// The most deliveries of one message.
    public var maxDeliver: Int?
    /// Only messages on this subject (wildcards allowed).
    public var filterSubject: String?
    /// The pace of delivery.
    public var replayPolicy: ReplayPolicy
    /// The most pull requests waiting at once.
    public var maxWaiting: Int?
    /// The most unacknowledged messages outstanding.
    public var maxAckPending: Int?
    /// How long an idle ephemeral consumer lives.
    public var inactiveThreshold: Duration?
    /// Replicas of the consumer state in a cluster.
    public var replicas: Int?
    /// Keep the consumer state in memory only.
    public var memoryStorage: Bool?
    /// Deliver headers only (no payloads).
    public var headersOnly: Bool?

    /// A pull consumer configuration; by default from the first message with explicit acks.
    public init(
        name: String? = nil, durableName: String? = nil, description: String? = nil,
        deliverPolicy: DeliverPolicy = .all,
        ackPolicy: AckPolicy = .explicit, ackWait: Duration? = nil, maxDeliver: Int? = nil,
        filterSubject: String? = nil, replayPolicy: ReplayPolicy = .instant, maxWaiting: Int? = nil,
        maxAckPending: Int? = nil, inactiveThreshold: Duration? = nil, replicas: Int? = nil,
        memoryStorage: Bool? = nil, headersOnly: Bool? = nil
    ) {
        self.name = name
        self.durableName = durableName
        self.description = description
        self.deliverPolicy = deliverPolicy
        self.ackPolicy = ackPolicy
        self.ackWait = ackWait
        self.maxDeliver = maxDeliver
        self.filterSubject = filterSubject
        self.replayPolicy = replayPolicy
        self.maxWaiting = maxWaiting
        self.maxAckPending = maxAckPending
        self.inactiveThreshold = inactiveThreshold
        self.replicas = replicas
        self.memoryStorage = memoryStorage
        self.headersOnly = headersOnly
    }

    enum CodingKeys: String, CodingKey {
        case name
        case durableName = "durable_name"
        case description
        case deliverPolicy = "deliver_policy"
        case optStartSequence = "opt_start_seq"
        case optStartTime = "opt_start_time"
        case ackPolicy = "ack_policy"
        case ackWait = "ack_wait"
        case maxDeliver = "max_deliver"
        case filterSubject = "filter_subject"
        case replayPolicy = "replay_policy"
        case maxWaiting = "max_waiting"
        case maxAckPending = "max_ack_pending"
        case inactiveThreshold = "inactive_threshold"
        case replicas = "num_replicas"
        case memoryStorage = "mem_storage"
        case headersOnly = "headers_only"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        durableName = try c.decodeIfPresent(String.self, forKey: .durableName)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        switch try c.decodeIfPresent(String.self, forKey: .deliverPolicy) ?? "all" {
        case "last": deliverPolicy = .last
        case "new": deliverPolicy = .new
        case "last_per_subject": deliverPolicy = .lastPerSubject
        case "by_start_sequence":
            deliverPolicy = .byStartSequence(try c.decodeIfPresent(UInt64.self, forKey: .optStartSequence) ?? 1)
        case "by_start_time":
            let text = try c.decodeIfPresent(String.self, forKey: .optStartTime) ?? ""
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .optStartTime, in: c, debugDescription: "not an RFC 3339 time (\(text))")
            }
            deliverPolicy = .byStartTime(date)
        default: deliverPolicy = .all
        }
        ackPolicy = try c.decodeIfPresent(AckPolicy.self, forKey: .ackPolicy) ?? .none
        ackWait = try c.decodeIfPresent(Int64.self, forKey: .ackWait).map { .nanoseconds($0) }
        maxDeliver = try c.decodeIfPresent(Int.self, forKey: .maxDeliver)
        filterSubject = try c.decodeIfPresent(String.self, forKey: .filterSubject)
        replayPolicy = try c.decodeIfPresent(ReplayPolicy.self, forKey: .replayPolicy) ?? .instant
        maxWaiting = try c.decodeIfPresent(Int.self, forKey: .maxWaiting)
        maxAckPending = try c.decodeIfPresent(Int.self, forKey: .maxAckPending)
        inactiveThreshold = try c.decodeIfPresent(Int64.self, forKey: .inactiveThreshold).map { .nanoseconds($0) }
        replicas = try c.decodeIfPresent(Int.self, forKey: .replicas)
        memoryStorage = try c.decodeIfPresent(Bool.self, forKey: .memoryStorage)
        headersOnly = try c.decodeIfPresent(Bool.self, forKey: .headersOnly)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(durableName, forKey: .durableName)
        try c.encodeIfPresent(description, forKey: .description)
        switch deliverPolicy {
        case .all: try c.encode("all", forKey: .deliverPolicy)
        case .last: try c.encode("last", forKey: .deliverPolicy)
        case .new: try c.encode("new", forKey: .deliverPolicy)
        case .lastPerSubject: try c.encode("last_per_subject", forKey: .deliverPolicy)
        case .byStartSequence(let sequence):
            try c.encode("by_start_sequence", forKey: .deliverPolicy)
            try c.encode(sequence, forKey: .optStartSequence)
        case .byStartTime(let date):
            try c.encode("by_start_time", forKey: .deliverPolicy)
            try c.encode(RFC3339.string(from: date), forKey: .optStartTime)
        }
        try c.encode(ackPolicy, forKey: .ackPolicy)
        try c.encodeIfPresent(ackWait.map(\.nanosecondCount), forKey: .ackWait)
        try c.encodeIfPresent(maxDeliver, forKey: .maxDeliver)
        try c.encodeIfPresent(filterSubject, forKey: .filterSubject)
        try c.encode(replayPolicy, forKey: .replayPolicy)
        try c.encodeIfPresent(maxWaiting, forKey: .maxWaiting)
        try c.encodeIfPresent(maxAckPending, forKey: .maxAckPending)
        try c.encodeIfPresent(inactiveThreshold.map(\.nanosecondCount), forKey: .inactiveThreshold)
        try c.encodeIfPresent(replicas, forKey: .replicas)
        try c.encodeIfPresent(memoryStorage, forKey: .memoryStorage)
        try c.encodeIfPresent(headersOnly, forKey: .headersOnly)
    }
}

/// A consumer's configuration and progress (`$JS.API.CONSUMER.INFO.<stream>.<consumer>`).
public struct ConsumerInfo: Sendable, Equatable, Decodable {
    /// A consumer and stream sequence pair.
    public struct SequencePair: Sendable, Equatable, Decodable {
        /// The consumer sequence.
        public var consumerSequence: UInt64
        /// The stream sequence.
        public var streamSequence: UInt64

        enum CodingKeys: String, CodingKey {
            case consumerSequence = "consumer_seq"
            case streamSequence = "stream_seq"
        }
    }

    /// The stream the consumer reads.
    public var stream: String
    /// The consumer's name.
    public var name: String
    /// The configuration.
    public var config: ConsumerConfig
    /// The last delivered message.
    public var delivered: SequencePair
    /// Everything at or below this is acknowledged.
    public var ackFloor: SequencePair
    /// Delivered messages not yet acknowledged.
    public var ackPending: Int
    /// Messages redelivered.
    public var redelivered: Int
    /// Pull requests waiting.
    public var waiting: Int
    /// Messages in the stream not yet delivered to the consumer.
    public var pending: UInt64

    enum CodingKeys: String, CodingKey {
        case stream = "stream_name"
        case name, config, delivered
        case ackFloor = "ack_floor"
        case ackPending = "num_ack_pending"
        case redelivered = "num_redelivered"
        case waiting = "num_waiting"
        case pending = "num_pending"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        stream = try c.decode(String.self, forKey: .stream)
        name = try c.decode(String.self, forKey: .name)
        config = try c.decode(ConsumerConfig.self, forKey: .config)
        delivered = try c.decode(SequencePair.self, forKey: .delivered)
        ackFloor = try c.decode(SequencePair.self, forKey: .ackFloor)
        ackPending = try c.decodeIfPresent(Int.self, forKey: .ackPending) ?? 0
        redelivered = try c.decodeIfPresent(Int.self, forKey: .redelivered) ?? 0
        waiting = try c.decodeIfPresent(Int.self, forKey: .waiting) ?? 0
        pending = try c.decodeIfPresent(UInt64.self, forKey: .pending) ?? 0
    }
}
