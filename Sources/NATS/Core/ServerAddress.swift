internal import Foundation

/// A parsed server URL.
struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    var host: String
    var port: Int
    var tls: Bool
    var user: String?
    var password: String?

    /// Parses `nats://[user[:password]@]host[:port]`, `tls://…`, `host:port` or `host`.
    init(parsing text: String) throws(NATSError) {
        let trimmed = text.trimmingASCIIWhitespace()
        let withScheme = trimmed.contains("://") ? trimmed : "nats://" + trimmed
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else { throw .invalidURL(text) }
        switch scheme {
        case "nats": tls = false
        case "tls": tls = true
        default: throw .invalidURL(text)
        }
        let port = components.port ?? 4222
        guard (1...65535).contains(port) else { throw .invalidURL(text) }
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = port
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
    }

    /// `host:port` (no credentials).
    var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// True when the host is an IPv4 or IPv6 literal (not usable as TLS SNI).
    var hostIsIPAddress: Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }
}
