/// The server's `INFO`: who it is and what it requires from the client.
public struct NATSServerInfo: Sendable, Hashable, Decodable {
    /// The server's unique id.
    public var serverID: String
    /// The server's configured name (defaults to the id).
    public var serverName: String
    /// The server's version, e.g. `2.9.10`.
    public var version: String
    /// The protocol version the server speaks.
    public var proto: Int
    /// The host the server listens on.
    public var host: String
    /// The client port.
    public var port: Int
    /// Whether the server supports headers (`HPUB`/`HMSG`).
    public var headers: Bool
    /// Whether the server requires credentials.
    public var authRequired: Bool
    /// Whether the server requires TLS.
    public var tlsRequired: Bool
    /// Whether the server offers TLS without requiring it.
    public var tlsAvailable: Bool
    /// The largest payload (headers included) the server accepts, in bytes.
    public var maxPayload: Int
    /// The id the server gave this connection.
    public var clientID: UInt64?
    /// The client's address as the server sees it.
    public var clientIP: String?
    /// The nonce to sign for nkey/JWT authentication.
    public var nonce: String?
    /// Other servers of the cluster the client may use.
    public var connectURLs: [String]
    /// True when the server is shutting down gracefully (lame duck mode).
    public var lameDuckMode: Bool
    /// Whether JetStream is enabled on the server.
    public var jetStream: Bool

    enum CodingKeys: String, CodingKey {
        case serverID = "server_id"
        case serverName = "server_name"
        case version, proto, host, port, headers
        case authRequired = "auth_required"
        case tlsRequired = "tls_required"
        case tlsAvailable = "tls_available"
        case maxPayload = "max_payload"
        case clientID = "client_id"
        case clientIP = "client_ip"
        case nonce
        case connectURLs = "connect_urls"
        case lameDuckMode = "ldm"
        case jetStream = "jetstream"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        serverID = try c.decodeIfPresent(String.self, forKey: .serverID) ?? ""
        serverName = try c.decodeIfPresent(String.self, forKey: .serverName) ?? serverID
        version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
        proto = try c.decodeIfPresent(Int.self, forKey: .proto) ?? 0
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? ""
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? 0
        headers = try c.decodeIfPresent(Bool.self, forKey: .headers) ?? false
        authRequired = try c.decodeIfPresent(Bool.self, forKey: .authRequired) ?? false
        tlsRequired = try c.decodeIfPresent(Bool.self, forKey: .tlsRequired) ?? false
        tlsAvailable = try c.decodeIfPresent(Bool.self, forKey: .tlsAvailable) ?? false
        maxPayload = try c.decodeIfPresent(Int.self, forKey: .maxPayload) ?? 1_048_576
        clientID = try c.decodeIfPresent(UInt64.self, forKey: .clientID)
        clientIP = try c.decodeIfPresent(String.self, forKey: .clientIP)
        nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
        connectURLs = try c.decodeIfPresent([String].self, forKey: .connectURLs) ?? []
        lameDuckMode = try c.decodeIfPresent(Bool.self, forKey: .lameDuckMode) ?? false
        jetStream = try c.decodeIfPresent(Bool.self, forKey: .jetStream) ?? false
    }
}
