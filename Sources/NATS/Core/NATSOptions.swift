internal import Foundation

/// Everything a ``NATSClient`` needs to connect: servers, credentials, TLS, timeouts, reconnect
/// policy and buffer limits. Defaults suit a long-running subscriber.
public struct NATSOptions: Sendable {
    /// Server URLs tried in order: `nats://host:port`, `tls://host:port`, `host:port` or `host`
    /// (port 4222). A URL may carry `user:password@` or `token@`.
    public var servers: [String]
    /// The connection name the server shows in its monitoring.
    public var name: String?
    /// How the client proves its identity.
    public var authentication: NATSAuthentication
    /// TLS settings; nil means TLS only when the server requires it or a URL says `tls://`, then
    /// with the system's trust roots.
    public var tls: NATSTLSOptions?
    /// Whether the server may deliver the client's own publishes to its subscriptions.
    public var echo: Bool
    /// The limit for TCP connect plus the protocol handshake (INFO, TLS, CONNECT, PONG).
    public var connectTimeout: Duration
    /// How often the client pings an idle-looking server.
    public var pingInterval: Duration
    /// Unanswered pings after which the connection counts as dead and is replaced.
    public var maxPingsOutstanding: Int
    /// What happens after a connection is lost.
    public var reconnect: NATSReconnectPolicy
    /// Bytes of publishes kept while disconnected and sent after reconnecting.
    public var reconnectBufferSize: Int
    /// Messages a subscription may hold before it drops new ones (slow consumer).
    public var pendingMessagesLimit: Int
    /// Payload bytes a subscription may hold before it drops new ones (slow consumer).
    public var pendingBytesLimit: Int
    /// The prefix of request inboxes (`_INBOX` gives `_INBOX.<random>.<n>`).
    public var inboxPrefix: String

    /// Options for the given servers with the defaults: no credentials, TLS as the server asks,
    /// echo on, 2 s connect timeout, pings every 2 minutes (2 outstanding at most), reconnect
    /// forever with backoff, 8 MiB reconnect buffer, 512 Ki messages / 64 MiB per subscription.
    public init(servers: [String] = ["nats://127.0.0.1:4222"]) {
        self.servers = servers
        name = nil
        authentication = .none
        tls = nil
        echo = true
        connectTimeout = .seconds(2)
        pingInterval = .seconds(120)
        maxPingsOutstanding = 2
        reconnect = NATSReconnectPolicy()
        reconnectBufferSize = 8 << 20
        pendingMessagesLimit = 512 << 10
        pendingBytesLimit = 64 << 20
        inboxPrefix = "_INBOX"
    }

    /// Options for one server URL.
    public init(url: String) {
        self.init(servers: [url])
    }
}

/// How the client authenticates in `CONNECT`.
public enum NATSAuthentication: Sendable, Equatable {
    /// No credentials (or those in the server URL).
    case none
    /// `user` and `pass`.
    case userPassword(user: String, password: String)
    /// `auth_token`.
    case token(String)
    /// An nkey seed (`SU…`): the client sends the public key and signs the server's nonce.
    case nkey(seed: String)
    /// A user JWT and its seed: the client sends the JWT and signs the nonce.
    case credentials(NATSCredentials)
    /// A `.creds` file, read again at every connect so rotated credentials are picked up.
    case credentialsFile(path: String)
}

/// TLS settings (swift-nio-ssl).
public struct NATSTLSOptions: Sendable, Equatable {
    /// PEM file of the certificate authorities that sign the server certificate; nil for the
    /// system's trust roots.
    public var caFile: String?
    /// PEM certificate chain for client authentication (mutual TLS).
    public var certificateFile: String?
    /// PEM private key of the client certificate.
    public var keyFile: String?
    /// The name checked against the server certificate (and sent as SNI); nil uses the URL's
    /// host. swift-nio-ssl accepts a certificate whose names contain this name or the peer's IP
    /// address.
    public var serverName: String?
    /// Use TLS even when the server does not require it (it must offer it).
    public var required: Bool
    /// Check the server certificate; false accepts any certificate (tests only).
    public var verifyServer: Bool

    /// TLS settings; by default required, verified against `caFile` or the system roots.
    public init(
        caFile: String? = nil, certificateFile: String? = nil, keyFile: String? = nil, serverName: String? = nil,
        required: Bool = true, verifyServer: Bool = true
    ) {
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.required = required
        self.verifyServer = verifyServer
    }
}

/// Reconnect after a lost connection: exponential backoff with jitter, over the server list.
///
/// Attempt `n` (from 1) waits `min(initialDelay × multiplier^(n-1), maxDelay)`, scaled by a
/// random factor in `1 ± jitter`.
public struct NATSReconnectPolicy: Sendable, Equatable {
    /// False closes the client at the first connection loss.
    public var enabled: Bool
    /// Attempts before giving up (the client then closes); nil for no limit.
    public var maxAttempts: Int?
    /// The wait before the first attempt.
    public var initialDelay: Duration
    /// The cap of the wait.
    public var maxDelay: Duration
    /// The growth of the wait per attempt.
    public var multiplier: Double
    /// The random spread of each wait, as a fraction (0 for none).
    public var jitter: Double

    /// A policy; by default unlimited attempts, 100 ms doubling to 2 s, ±10 % jitter.
    public init(
        enabled: Bool = true, maxAttempts: Int? = nil, initialDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .seconds(2), multiplier: Double = 2, jitter: Double = 0.1
    ) {
        self.enabled = enabled
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The wait before attempt `attempt` (from 1), `unit` drawn uniformly from [0, 1).
    public func delay(forAttempt attempt: Int, unit: Double) -> Duration {
        let base = initialDelay.seconds * pow(multiplier, Double(max(0, attempt - 1)))
        let capped = min(base, maxDelay.seconds)
        let spread = 1 + jitter * (2 * unit - 1)
        return .nanoseconds(Int64(max(0, capped * spread) * 1e9))
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
