internal import Foundation
public import NIOCore

/// The JetStream API of a ``NATSClient``: JSON requests on `$JS.API.…` subjects for streams and
/// consumers, publishing with acknowledgement, and the pull and ordered consumers.
///
/// ```swift
/// let js = JetStream(client: client)
/// for try await message in js.orderedConsumer(stream: "SIGNALS", deliverPolicy: .byStartSequence(1)).messages() {
///     print(message.metadata.streamSequence, message.payloadString)
/// }
/// ```
///
/// Every API error (`{"error":{"code":…,"err_code":…,"description":…}}`) is thrown as
/// ``JetStreamError/api(code:errorCode:description:)``.
public struct JetStream: Sendable {
    /// The client the requests go through.
    public let client: NATSClient
    /// `$JS.API`, or `$JS.<domain>.API` for a domain.
    public let apiPrefix: String
    /// The time limit of each API request.
    public var requestTimeout: Duration

    /// The JetStream API of a client, optionally in a JetStream domain.
    public init(client: NATSClient, domain: String? = nil, requestTimeout: Duration = .seconds(5)) {
        self.client = client
        apiPrefix = domain.map { "$JS.\($0).API" } ?? "$JS.API"
        self.requestTimeout = requestTimeout
    }

    // MARK: streams

    /// Creates a stream (`STREAM.CREATE`).
    public func createStream(_ config: StreamConfig) async throws -> StreamInfo {
        try await request("STREAM.CREATE.\(config.name)", body: config, as: StreamInfo.self)
    }

    /// A stream's configuration and state (`STREAM.INFO`).
    public func streamInfo(_ name: String) async throws -> StreamInfo {
        try await request("STREAM.INFO.\(name)", body: nil as Empty?, as: StreamInfo.self)
    }

    /// Deletes a stream and its messages (`STREAM.DELETE`).
    public func deleteStream(_ name: String) async throws {
        _ = try await request("STREAM.DELETE.\(name)", body: nil as Empty?, as: SuccessResponse.self)
    }

    // MARK: publishing

    /// Publishes to a stream's subject and waits for the stream's acknowledgement.
    ///
    /// - Parameter messageID: sent as `Nats-Msg-Id`; a repeat within the stream's duplicate
    ///   window is stored once (``PubAck/duplicate``).
    /// - Throws: ``JetStreamError/noStream(subject:)`` when no stream stores the subject.
    public func publish(
        _ payload: ByteBuffer, to subject: String, headers: NATSHeaders? = nil, messageID: String? = nil
    ) async throws -> PubAck {
        var headers = headers
        if let messageID {
            var withID = headers ?? NATSHeaders()
            withID["Nats-Msg-Id"] = messageID
            headers = withID
        }
        let response: NATSMessage
        do {
            response = try await client.request(payload, to: subject, headers: headers, timeout: requestTimeout)
        } catch NATSError.noResponders {
            throw JetStreamError.noStream(subject: subject)
        }
        return try Self.decode(PubAck.self, from: response)
    }

    /// Publishes the UTF-8 bytes of a string to a stream's subject.
    public func publish(
        _ payload: String, to subject: String, headers: NATSHeaders? = nil, messageID: String? = nil
    ) async throws -> PubAck {
        try await publish(ByteBuffer(string: payload), to: subject, headers: headers, messageID: messageID)
    }

    // MARK: consumers

    /// Creates a consumer: durable when the configuration names one (`durableName`), ephemeral
    /// otherwise (the server picks a name unless `name` is set).
    public func createConsumer(stream: String, config: ConsumerConfig) async throws -> ConsumerInfo {
        let subject: String
        if let durable = config.durableName {
            subject = "CONSUMER.DURABLE.CREATE.\(stream).\(durable)"
        } else if let name = config.name {
            subject = "CONSUMER.CREATE.\(stream).\(name)"
        } else {
            subject = "CONSUMER.CREATE.\(stream)"
        }
        return try await request(
            subject, body: CreateConsumerRequest(stream: stream, config: config), as: ConsumerInfo.self)
    }

    /// A consumer's configuration and progress (`CONSUMER.INFO`).
    public func consumerInfo(stream: String, name: String) async throws -> ConsumerInfo {
        try await request("CONSUMER.INFO.\(stream).\(name)", body: nil as Empty?, as: ConsumerInfo.self)
    }

    /// Deletes a consumer (`CONSUMER.DELETE`).
    public func deleteConsumer(stream: String, name: String) async throws {
        _ = try await request("CONSUMER.DELETE.\(stream).\(name)", body: nil as Empty?, as: SuccessResponse.self)
    }

    /// A handle on an existing pull consumer (durable or ephemeral).
    public func pullConsumer(stream: String, name: String) -> PullConsumer {
        PullConsumer(jetStream: self, stream: stream, name: name)
    }

    /// An ordered consumer: ephemeral, no acks, in stream order without gaps or duplicates; it
    /// recreates itself after a gap, a reconnect or missed heartbeats.
    public func orderedConsumer(
        stream: String, deliverPolicy: ConsumerConfig.DeliverPolicy = .all, filterSubject: String? = nil
    ) -> OrderedConsumer {
        OrderedConsumer(jetStream: self, stream: stream, deliverPolicy: deliverPolicy, filterSubject: filterSubject)
    }

    // MARK: requests

    struct Empty: Encodable {}

    private struct SuccessResponse: Decodable {
        var success: Bool?
    }

    private struct CreateConsumerRequest: Encodable {
        var stream: String
        var config: ConsumerConfig

        enum CodingKeys: String, CodingKey {
            case stream = "stream_name"
            case config
        }
    }

    private struct ErrorEnvelope: Decodable {
        struct APIError: Decodable {
            var code: Int
            var errCode: Int?
            var description: String?

            enum CodingKeys: String, CodingKey {
                case code
                case errCode = "err_code"
                case description
            }
        }

        var error: APIError?
    }

    /// Sends one API request and decodes the response, throwing the API's error if it has one.
    func request<Body: Encodable, Response: Decodable>(
        _ suffix: String, body: Body?, as type: Response.Type
    ) async throws -> Response {
        var payload = ByteBuffer()
        if let body {
            payload = ByteBuffer(bytes: try JSONEncoder().encode(body))
        }
        let response: NATSMessage
        do {
            response = try await client.request(payload, to: apiPrefix + "." + suffix, timeout: requestTimeout)
        } catch NATSError.noResponders {
            throw JetStreamError.notEnabled
        }
        return try Self.decode(type, from: response)
    }

    static func decode<Response: Decodable>(_ type: Response.Type, from message: NATSMessage) throws -> Response {
        let data = Data(message.payload.readableBytesView)
        let decoder = JSONDecoder()
        if let envelope = try? decoder.decode(ErrorEnvelope.self, from: data), let error = envelope.error {
            throw JetStreamError.api(
                code: error.code, errorCode: error.errCode ?? 0, description: error.description ?? "")
        }
        do {
            return try decoder.decode(type, from: data)
        } catch {
            let text = String(decoding: data.prefix(200), as: UTF8.self)
            throw JetStreamError.invalidResponse("\(Response.self): \(text)")
        }
    }
}
