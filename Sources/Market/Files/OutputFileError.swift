/// Why an output path was refused or could not be written (docs/guarantees.md).
///
/// The message reads `path: what is wrong (the value)`. The kind says what went wrong; which
/// exit code that gives is the command line's decision.
public struct OutputFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The path is a device, FIFO, socket or folder, or a symbolic link to a missing file:
        /// nothing is written there.
        case notARegularFile
        /// The path (or a folder on it) is a cycle of symbolic links.
        case symlinkLoop
        /// The output is the same file as an input or as another output.
        case sameFile
        /// Another process holds the output's lock.
        case inUse
        /// A stop was requested (a signal) before the file was moved into place.
        case cancelled
        /// Creating, writing, syncing or renaming failed.
        case io
    }

    public var kind: Kind
    /// The path as the user gave it.
    public var path: String
    public var message: String

    public init(_ kind: Kind, path: String, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
