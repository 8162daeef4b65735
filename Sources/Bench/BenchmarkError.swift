/// Why a benchmark could not run: its workload could not be written, a process could not be
/// started, or a measuring pass failed.
public struct BenchmarkError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure, for the command line's exit code.
    public enum Kind: Sendable, Hashable {
        /// A file or a process failed (the rules cannot be read, a file cannot be written, a
        /// child cannot be started).
        case failure
        /// The benchmark was asked for something it cannot measure: bad parameters, or a
        /// measuring pass that failed on them.
        case usage
    }

    /// What kind of failure.
    public var kind: Kind
    /// `path: what is wrong (value)`.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A `.failure`.
    public init(_ message: String) { self.init(.failure, message) }

    public var description: String { message }
}
