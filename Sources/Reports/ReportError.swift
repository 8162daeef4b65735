public import Market

/// An error reading or writing a report database: what kind of failure, and the message a user
/// sees.
///
/// Messages read `path: what is wrong (the value)`. The kind says what went wrong; which exit
/// code that gives is the command line's decision, not this library's.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The database file does not exist (a missing file).
        case missingDatabase
        /// The file exists but is not a hedgesim report (bad data).
        case notAReport
        /// No table or view of that name (usage).
        case unknownObject
        /// No run with that id, label or mode (usage).
        case unknownRun
        /// A bad argument (usage).
        case usage
        /// A file could not be created, written or renamed (I/O).
        case io
        /// SQLite reported an error; `sqliteCode` holds its code.
        case sqlite
        /// A report of another schema version (`PRAGMA user_version`), older or newer (bad data).
        case unsupportedVersion
        /// An output path was refused or could not be written (`OutputFile`).
        case output(OutputFileError.Kind)
    }

    public var kind: Kind
    public var message: String
    /// The SQLite result code, for `.sqlite` errors.
    public var sqliteCode: Int32?

    public init(_ kind: Kind, _ message: String, sqliteCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.sqliteCode = sqliteCode
    }

    /// The error of an output file (an I/O failure stays `.io`).
    public init(_ error: OutputFileError) {
        self.init(error.kind == .io ? .io : .output(error.kind), error.message)
    }

    public var description: String { message }
}
