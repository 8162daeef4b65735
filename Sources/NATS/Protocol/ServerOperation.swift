internal import NIOCore

/// One operation read from the server.
enum ServerOperation: Sendable, Equatable {
    case info(NATSServerInfo)
    case message(sid: UInt64, NATSMessage)
    case ping
    case pong
    case ok
    /// `-ERR` with the server's text, quotes removed.
    case error(String)
}
