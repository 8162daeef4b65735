/// An error reading or writing a report database, with the message a user sees and the
/// `sysexits(3)` code the command line exits with.
///
/// Messages read `path: what is wrong (the value)`.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, which decides the exit code.
    public enum Kind: Sendable, Hashable {
        /// The database file does not exist (exit 66, `EX_NOINPUT`).
        case missingDatabase
        /// The file exists but is not a hedgesim report (exit 65, `EX_DATAERR`).
        case notAReport
        /// No table or view of that name (exit 64, `EX_USAGE`).
        case unknownObject
        /// No run with that id, label or mode (exit 64).
        case unknownRun
        /// A bad argument (exit 64).
        case usage
        /// A file could not be created, written or renamed (exit 74, `EX_IOERR`).
        case io
        /// SQLite reported an error (exit 70, `EX_SOFTWARE`); `sqliteCode` holds its code.
        case sqlite
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

    /// The process exit code for this error (`sysexits(3)`).
    public var exitCode: Int32 {
        switch kind {
        case .missingDatabase: 66
        case .notAReport: 65
        case .unknownObject, .unknownRun, .usage: 64
        case .io: 74
        case .sqlite: 70
        }
    }

    public var description: String { message }
}
