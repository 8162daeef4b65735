/// A parsed JSON value (RFC 8259) and the line it starts on.
///
/// Numbers keep their exact text (Binance writes `0.10` and `9223372036854775807`; fixed-point
/// fields are parsed from the text, never through `Double`). Objects keep their members in
/// document order, duplicates included; a lookup by key returns the **last** member with that
/// key, as Python's `json` (which wrote the live engine's signals and reads Binance's files) does.
///
/// `line` says where the value starts (1-based, counted from the document's first line) so
/// readers can report `file:line` errors; equality and hashing ignore it.
public struct JSONValue: Sendable, Hashable {
    /// The value itself.
    public enum Kind: Sendable, Hashable {
        case null
        case bool(Bool)
        case number(JSONNumber)
        case string(String)
        case array([JSONValue])
        /// Members in document order, duplicates kept.
        case object([JSONMember])
    }

    /// The value.
    public var kind: Kind
    /// The 1-based line where the value starts; 0 for a value made in code.
    public var line: Int

    /// A value starting on `line` (0: not read from a document).
    public init(_ kind: Kind, line: Int = 0) {
        self.kind = kind
        self.line = line
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.kind == rhs.kind }

    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    /// `null`.
    public static let null = JSONValue(.null)
    /// A boolean.
    public static func bool(_ value: Bool) -> JSONValue { JSONValue(.bool(value)) }
    /// A number.
    public static func number(_ value: JSONNumber) -> JSONValue { JSONValue(.number(value)) }
    /// A string.
    public static func string(_ value: String) -> JSONValue { JSONValue(.string(value)) }
    /// An array.
    public static func array(_ elements: [JSONValue]) -> JSONValue { JSONValue(.array(elements)) }
    /// An object.
    public static func object(_ members: [JSONMember]) -> JSONValue { JSONValue(.object(members)) }

    /// The value of the last member named `key` of an object; nil for a missing key or a
    /// value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        var index = members.count - 1
        while index >= 0 {
            if members[index].key == key { return members[index].value }
            index -= 1
        }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = kind, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string, if the value is one.
    public var string: String? {
        if case .string(let value) = kind { return value }
        return nil
    }

    /// The number, if the value is one.
    public var number: JSONNumber? {
        if case .number(let value) = kind { return value }
        return nil
    }

    /// The boolean, if the value is one.
    public var bool: Bool? {
        if case .bool(let value) = kind { return value }
        return nil
    }

    /// The elements, if the value is an array.
    public var array: [JSONValue]? {
        if case .array(let value) = kind { return value }
        return nil
    }

    /// The members in document order, if the value is an object.
    public var members: [JSONMember]? {
        if case .object(let value) = kind { return value }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = kind { return true }
        return false
    }

    /// The JSON type name, for messages: `object`, `array`, `string`, `number`, `boolean`, `null`.
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// One `"key": value` member of a JSON object.
public struct JSONMember: Sendable, Hashable {
    /// The unescaped key.
    public var key: String
    /// The value.
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
