/// A JSON value that keeps numbers as their source text, so decimals stay exact (Binance sends
/// `"0.10"` as a string but `limit: 200` or a bracket's `maintMarginRatio: 0.0065` as bare
/// numbers). Every value knows the line it starts on, for `file:line` errors.
public struct JSONValue: Sendable, Hashable {
    /// The value itself.
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        /// A number token exactly as written (`-0.0375`, `1e-05`, `200`).
        case number(String)
        case string(String)
        case array([JSONValue])
        /// Members in source order (duplicate keys are kept; lookups find the first).
        case object([JSONMember])
    }

    public var kind: Kind
    /// The 1-based line where the value starts.
    public var line: Int

    public init(_ kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The member named `key` of an object (nil for other kinds or when absent).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        for member in members where member.key == key { return member.value }
        return nil
    }

    /// The elements of an array.
    public var array: [JSONValue]? {
        if case .array(let items) = kind { return items }
        return nil
    }

    /// The members of an object.
    public var members: [JSONMember]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// The text of a string.
    public var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// The text of a number token, or of a string (Binance quotes most numbers).
    public var numberText: String? {
        switch kind {
        case .number(let text), .string(let text): return text
        default: return nil
        }
    }

    /// A short description of the kind, for errors.
    public var kindName: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The value as compact JSON-like text for error messages (cut to a readable length).
    public var preview: String {
        var text: String
        switch kind {
        case .null: text = "null"
        case .bool(let value): text = value ? "true" : "false"
        case .number(let value): text = value
        case .string(let value): text = "\"" + value + "\""
        case .array(let items): text = "[…\(items.count) items]"
        case .object(let members): text = "{" + members.prefix(4).map(\.key).joined(separator: ", ") + "…}"
        }
        if text.count > FeedError.valueLimit { text = String(text.prefix(FeedError.valueLimit)) + "…" }
        return text
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
