/// Where a signal was read: the input file's name and the 1-based line number.
public struct SignalOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it.
    public var file: String
    /// The 1-based line number (0 for signals not read from a file).
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    /// A signal built in code.
    public static let none = SignalOrigin(file: "", line: 0)

    /// `signals.jsonl:7`.
    public var description: String { "\(file):\(line)" }
}
