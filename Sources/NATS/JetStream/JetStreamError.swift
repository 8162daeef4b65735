/// Failures of the JetStream API and consumers.
public enum JetStreamError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered an API request with an error
    /// (`{"error":{"code":404,"err_code":10059,"description":"stream not found"}}`).
    case api(code: Int, errorCode: Int, description: String)
    /// Nobody answered on `$JS.API`: JetStream is not enabled for this account or server.
    case notEnabled
    /// A publish found no stream on its subject.
    case noStream(subject: String)
    /// A reply subject that is not a `$JS.ACK.…` subject of the known layouts.
    case invalidAckSubject(String)
    /// A response body that is not the expected JSON.
    case invalidResponse(String)
    /// A pull request ended with a status the consumer cannot continue after.
    case pullFailed(code: Int, text: String)
    /// The consumer was deleted on the server while being read.
    case consumerDeleted(String)
    /// A consumer could not be recreated after a gap or a reconnect.
    case recreateFailed(stream: String, attempts: Int, lastError: String)

    public var description: String {
        switch self {
        case .api(let code, let errorCode, let description):
            "JetStream API error \(code)/\(errorCode) (\(description))"
        case .notEnabled: "JetStream is not enabled (no responders on the API)"
        case .noStream(let subject): "no JetStream stream stores the subject (\(subject))"
        case .invalidAckSubject(let subject): "not a JetStream ack subject (\(subject))"
        case .invalidResponse(let text): "invalid JetStream API response (\(text))"
        case .pullFailed(let code, let text): "pull request failed (\(code) \(text))"
        case .consumerDeleted(let name): "consumer deleted on the server (\(name))"
        case .recreateFailed(let stream, let attempts, let lastError):
            "could not recreate the consumer on stream \(stream) after \(attempts) attempts (\(lastError))"
        }
    }
}
