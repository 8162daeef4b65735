/// The type of a JSON value, known from its first byte.
public enum JSONKind: UInt8, Sendable, Hashable {
    case object
    case array
    case string
    case number
    case boolean
    case null

    /// The JSON type name, for messages.
    public var name: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .boolean: "boolean"
        case .null: "null"
        }
    }
}

/// One validated JSON value located in the reader's buffer, not yet converted: its kind and the
/// byte range of its raw text (quotes included for strings, brackets for containers).
@frozen public struct JSONToken: Sendable, Hashable {
    /// The value's type.
    public var kind: JSONKind
    /// Offset of the first byte of the raw text.
    public var start: Int
    /// Offset just past the last byte of the raw text.
    public var end: Int
    /// For strings: true when the contents hold a backslash escape.
    public var hasEscapes: Bool

    @inlinable public init(kind: JSONKind, start: Int, end: Int, hasEscapes: Bool = false) {
        self.kind = kind
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
    }

    /// The length of the raw text in bytes.
    @inlinable public var count: Int { end - start }

    /// For a `true`/`false` token, its value.
    @inlinable public func boolValue(in bytes: UnsafeRawBufferPointer) -> Bool {
        kind == .boolean && bytes[start] == UInt8(ascii: "t")
    }
}
