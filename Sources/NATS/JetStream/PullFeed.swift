internal import Foundation
internal import NIOCore

/// One pull request at a time against a consumer, on a private inbox: sends
/// `$JS.API.CONSUMER.MSG.NEXT.<stream>.<consumer>` with the batch size, expiry and idle
/// heartbeat, reads the deliveries, and sends the next request when the batch is complete or
/// the server ends the request (404 no messages, 408 expired). Heartbeats (100) only prove the
/// consumer is alive; their absence, a reconnect or a deleted consumer are reported so the
/// owner can react.
final class PullFeed {
    enum Event {
        case message(NATSMessage, JetStreamMetadata)
        /// The connection was replaced; pending requests are lost.
        case reconnected
        /// Neither a message nor a heartbeat within twice the heartbeat interval.
        case stalled
        /// The inbox dropped deliveries because the reader fell behind (slow consumer).
        case dropped
        /// The server deleted the consumer (409 Consumer Deleted).
        case consumerDeleted
        /// The subscription ended (client closed).
        case ended
    }

    private struct PullRequest: Encodable {
        var batch: Int
        var expires: Int64?
        var noWait: Bool?
        var idleHeartbeat: Int64?

        enum CodingKeys: String, CodingKey {
            case batch, expires
            case noWait = "no_wait"
            case idleHeartbeat = "idle_heartbeat"
        }
    }

    let jetStream: JetStream
    let stream: String
    let consumer: String
    let batch: Int
    let expires: Duration
    let heartbeat: Duration?
    private var subscription: NATSSubscription?
    private var inbox = ""
    private var owed = 0
    private var active = false
    private var droppedSeen = 0

    init(jetStream: JetStream, stream: String, consumer: String, batch: Int, expires: Duration, heartbeat: Duration?) {
        self.jetStream = jetStream
        self.stream = stream
        self.consumer = consumer
        self.batch = max(1, batch)
        self.expires = expires
        // The server refuses a heartbeat longer than half the request's lifetime.
        self.heartbeat = heartbeat.map { Swift.min($0, expires / 2) }
    }

    func start() async throws {
        inbox = jetStream.client.newInbox()
        subscription = try await jetStream.client.subscribe(to: inbox, queueGroup: nil, connectionMarkers: true)
        active = false
    }

    func stop() async {
        await subscription?.unsubscribe()
        subscription = nil
    }

    private func sendPull() async throws {
        let request = PullRequest(
            batch: batch, expires: expires.nanosecondCount, noWait: nil,
            idleHeartbeat: heartbeat?.nanosecondCount)
        let body = ByteBuffer(bytes: try JSONEncoder().encode(request))
        try await jetStream.client.publish(
            body, to: "\(jetStream.apiPrefix).CONSUMER.MSG.NEXT.\(stream).\(consumer)", replyTo: inbox)
        owed = batch
        active = true
    }

    /// The next delivery or condition.
    func next() async throws -> Event {
        while true {
            guard let subscription else { return .ended }
            let dropped = subscription.droppedMessages
            if dropped != droppedSeen {
                droppedSeen = dropped
                active = false
                return .dropped
            }
            if !active {
                do {
                    try await sendPull()
                } catch NATSError.reconnectBufferExceeded {
                    return .stalled
                }
            }
            let wait: Duration = heartbeat.map { $0 * 2 + .milliseconds(500) } ?? expires + .seconds(2)
            switch try await subscription.queue.next(timeout: .of(wait)) {
            case .end:
                return .ended
            case .timedOut:
                active = false
                return .stalled
            case .item(.reconnected):
                active = false
                return .reconnected
            case .item(.message(let message)):
                if let status = message.status, message.payload.readableBytes == 0 {
                    switch status.code {
                    case NATSStatus.control:
                        continue
                    case NATSStatus.noMessages, NATSStatus.requestTimeout:
                        active = false
                        continue
                    case NATSStatus.conflict:
                        let text = status.text.lowercased()
                        if text.contains("consumer deleted") { return .consumerDeleted }
                        if text.contains("leadership") || text.contains("server shutdown") {
                            active = false
                            continue
                        }
                        throw JetStreamError.pullFailed(code: status.code, text: status.text)
                    default:
                        throw JetStreamError.pullFailed(code: status.code, text: status.text)
                    }
                }
                let metadata = try JetStreamMetadata(ackSubject: message.replyTo ?? "")
                owed -= 1
                if owed <= 0 { active = false }
                return .message(message, metadata)
            }
        }
    }

    /// One request: up to `batch` messages, ending early on 404/408 or after `expires` (plus a
    /// grace second) without an answer.
    static func fetch(
        jetStream: JetStream, stream: String, consumer: String, batch: Int, expires: Duration, noWait: Bool
    ) async throws -> [JetStreamMessage] {
        let client = jetStream.client
        let inbox = client.newInbox()
        let subscription = try await client.subscribe(to: inbox)
        do {
            let messages = try await collect(
                jetStream: jetStream, subscription: subscription, inbox: inbox, stream: stream, consumer: consumer,
                batch: batch, expires: expires, noWait: noWait)
            await subscription.unsubscribe()
            return messages
        } catch {
            await subscription.unsubscribe()
            throw error
        }
    }

    private static func collect(
        jetStream: JetStream, subscription: NATSSubscription, inbox: String, stream: String, consumer: String,
        batch: Int, expires: Duration, noWait: Bool
    ) async throws -> [JetStreamMessage] {
        let client = jetStream.client
        let request = PullRequest(
            batch: max(1, batch), expires: noWait ? nil : expires.nanosecondCount, noWait: noWait ? true : nil,
            idleHeartbeat: nil)
        try await client.publish(
            ByteBuffer(bytes: try JSONEncoder().encode(request)),
            to: "\(jetStream.apiPrefix).CONSUMER.MSG.NEXT.\(stream).\(consumer)", replyTo: inbox)
        let deadline = ContinuousClock.now + expires + .seconds(1)
        var messages: [JetStreamMessage] = []
        while messages.count < batch {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, let message = try await subscription.next(timeout: remaining) else { break }
            if let status = message.status, message.payload.readableBytes == 0 {
                switch status.code {
                case NATSStatus.control: continue
                case NATSStatus.noMessages, NATSStatus.requestTimeout: return messages
                case NATSStatus.conflict where status.text.lowercased().contains("consumer deleted"):
                    throw JetStreamError.consumerDeleted(consumer)
                default: throw JetStreamError.pullFailed(code: status.code, text: status.text)
                }
            }
            let metadata = try JetStreamMetadata(ackSubject: message.replyTo ?? "")
            messages.append(JetStreamMessage(message: message, metadata: metadata, client: client))
        }
        return messages
    }
}
