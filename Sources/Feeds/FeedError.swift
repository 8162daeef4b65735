/// A problem with an input file, located at a line: `path:line: message (value)`.
///
/// Every reader in `Feeds` reports bad input this way and never traps. `line` is 1-based; line 0
/// means the file as a whole (it is missing or cannot be read). `value` is the offending text,
/// cut to a readable length, so the user can find it in the file.
public struct FeedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in broad terms: callers map it to exit codes.
    public enum Kind: Sendable, Hashable {
        /// The content is malformed or fails validation.
        case badData
        /// The file does not exist.
        case missingFile
        /// The file exists but cannot be read (permissions, I/O error).
        case unreadable
    }

    /// The path as the caller gave it.
    public var file: String
    /// The 1-based line number, 0 for the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String
    /// The offending value as text.
    public var value: String
    public var kind: Kind

    public init(file: String, line: Int, message: String, value: String, kind: Kind = .badData) {
        self.file = file
        self.line = line
        self.message = message
        self.value = value
        self.kind = kind
    }

    /// `path:line: message (value)`.
    public var description: String { "\(file):\(line): \(message) (\(value))" }
}

extension FeedError {
    /// The longest value text kept in an error; longer values end in `…`.
    static let valueLimit = 80

    /// Makes readable value text from raw bytes: invalid UTF-8 becomes U+FFFD, long text is cut.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        let cut = bytes.count > valueLimit
        let slice = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, valueLimit)])
        let text = String(decoding: slice, as: UTF8.self)
        return cut ? text + "…" : text
    }

    /// A byte as value text: `0x0A`, `0xFF`.
    static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return "0x" + (digits.count == 1 ? "0" : "") + digits
    }
}

/// Problems found by a `verify` pass: the first `limit` errors in file order, and how many more
/// there were.
public struct FeedProblems: Sendable, Hashable {
    /// The errors kept, in the order they were found.
    public var errors: [FeedError] = []
    /// How many further errors were found but not kept.
    public var omitted: Int = 0
    /// The most errors kept.
    public var limit: Int

    public init(limit: Int = 100) {
        self.limit = limit
    }

    /// True when nothing was found.
    public var isEmpty: Bool { errors.isEmpty }
    /// The number of problems found, kept or not.
    public var count: Int { errors.count + omitted }

    /// Records one problem.
    public mutating func record(_ error: FeedError) {
        if errors.count < limit {
            errors.append(error)
        } else {
            omitted += 1
        }
    }
}
