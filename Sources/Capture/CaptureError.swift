/// Why a recording could not start or had to stop, with the kind the command line maps to an
/// exit code.
public struct CaptureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as far as the exit code is concerned.
    public enum Kind: Sendable, Equatable {
        /// The server cannot be reached, or JetStream or the stream is missing.
        case unavailable
        /// The server refused the credentials or the subscription.
        case permission
        /// An output file or folder cannot be created or written.
        case output
        /// A bad setting (subject, start position).
        case usage
    }

    /// The kind of failure.
    public var kind: Kind
    /// The message, `what is wrong (the value)`.
    public var message: String

    /// An error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
