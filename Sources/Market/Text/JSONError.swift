/// A JSON syntax error: what is wrong and where (byte offset, 1-based line and byte column).
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong: `unterminated object`, `invalid escape`, `expected ',' or '}' in object`.
    public var message: String
    /// The 0-based byte offset of the offending byte (the input's length at end of input).
    public var offset: Int
    /// The 1-based line of `offset`.
    public var line: Int
    /// The 1-based byte column of `offset` within its line.
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// Locates `offset` in `bytes` (counting `\n` line breaks) and builds the error.
    public init(_ message: String, at offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        let end = Swift.min(offset, bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }

    /// `unterminated object at line 1, column 58`.
    public var description: String { "\(message) at line \(line), column \(column)" }
}
