public import Foundation
public import NATS

/// What `hedgesim signals record` records, from where, and where to.
public struct RecordingConfiguration: Sendable {
    /// Where a JetStream recording starts.
    public enum Start: Sendable, Equatable {
        /// After the last stream sequence already in the folder's files (the whole stream when
        /// there is none).
        case resume
        /// From the first message stored at or after a time.
        case time(Date)
        /// From a stream sequence.
        case sequence(UInt64)
    }

    /// The connection options (servers, credentials, TLS, reconnect policy).
    public var nats: NATSOptions
    /// The subject to subscribe to (wildcards allowed); the consumer's filter with a stream.
    public var subject = "signals.trading.>"
    /// The output folder (created when missing).
    public var directory: String
    /// One file per UTC day or hour.
    public var rotation = Rotation.daily
    /// Read this JetStream stream through an ordered consumer instead of a core subscription.
    public var stream: String?
    /// Where a JetStream recording starts.
    public var start = Start.resume
    /// How often the pending lines are written as a complete zstd frame.
    public var flushInterval: Duration = .seconds(2)

    /// A configuration for `nats` writing into `directory`, with the defaults above.
    public init(nats: NATSOptions, directory: String) {
        self.nats = nats
        self.directory = directory
    }
}

/// Counters of a recording, read by the status line and the summary.
public struct RecordingStatus: Sendable, Equatable {
    /// Messages received (recorded plus rejected).
    public var messages = 0
    /// Messages that are not signals, written to the rejects file.
    public var rejects = 0
    /// JetStream messages skipped because the folder already holds their stream sequence.
    public var skipped = 0
    /// Compressed bytes written.
    public var bytes = 0
    /// Files written.
    public var files = 0
    /// Connection gaps seen.
    public var gaps = 0
    /// The last gap, as text (`12:00:01.250Z–12:00:03.400Z (2.150 s)`).
    public var lastGap: String?
    /// The last JetStream stream sequence recorded.
    public var lastSequence: UInt64 = 0

    public init() {}
}
