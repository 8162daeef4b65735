/// Why one line of a signal file could not be decoded, as `file:line: message (value)`:
/// `signals.jsonl:7: confidence out of range [0, 1] (1.5)`.
public struct SignalDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file name as the caller gave it.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// What is wrong: `missing required field`, `unknown action`, `invalid JSON: …`.
    public var message: String
    /// The offending value (raw JSON text, a field name, or a column for syntax errors),
    /// shortened to 60 characters.
    public var value: String

    public init(file: String, line: Int, message: String, value: String) {
        self.file = file
        self.line = line
        self.message = message
        self.value = value
    }

    public var description: String { "\(file):\(line): \(message) (\(value))" }
}
