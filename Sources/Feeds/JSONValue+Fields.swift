public import Market

/// Typed access to JSON members with `file:line` errors, shared by the rules readers.
extension JSONValue {
    /// The text of a number, or of a string (Binance quotes most numbers).
    public var numberText: String? {
        switch kind {
        case .number(let number): number.text
        case .string(let text): text
        default: nil
        }
    }

    /// The value as compact JSON-like text for error messages (cut to a readable length).
    public var preview: String {
        var text: String
        switch kind {
        case .null: text = "null"
        case .bool(let value): text = value ? "true" : "false"
        case .number(let value): text = value.text
        case .string(let value): text = "\"" + value + "\""
        case .array(let items): text = "[…\(items.count) items]"
        case .object(let members): text = "{" + members.prefix(4).map(\.key).joined(separator: ", ") + "…}"
        }
        if text.count > FeedError.valueLimit { text = String(text.prefix(FeedError.valueLimit)) + "…" }
        return text
    }

    /// The member `key`, or an error at this object's line.
    func required(_ key: String, _ path: String, context: String) throws(FeedError) -> JSONValue {
        guard let value = self[key] else {
            throw FeedError(file: path, line: line, message: "\(context) has no \"\(key)\"", value: preview)
        }
        return value
    }

    /// A string member.
    func text(_ key: String, _ path: String, context: String) throws(FeedError) -> String {
        let value = try required(key, path, context: context)
        guard let text = value.string else {
            throw FeedError(
                file: path, line: value.line, message: "\(context) \(key) is not a string", value: value.preview)
        }
        return text
    }

    /// A decimal member (quoted or bare) as a raw fixed-point value, parsed exactly.
    func decimal(_ key: String, _ path: String, context: String) throws(FeedError) -> Int64 {
        let value = try required(key, path, context: context)
        guard let text = value.numberText, let raw = FixedPointParser.parse(text) else {
            throw FeedError(
                file: path, line: value.line, message: "\(context) \(key) is not a decimal", value: value.preview)
        }
        return raw
    }

    /// An integer member (quoted or bare; `"5.0"`-style whole decimals accepted).
    func integer(_ key: String, _ path: String, context: String) throws(FeedError) -> Int {
        let value = try required(key, path, context: context)
        guard let text = value.numberText, let raw = FixedPointParser.parse(text), raw % fixedPointOne == 0 else {
            throw FeedError(
                file: path, line: value.line, message: "\(context) \(key) is not an integer", value: value.preview)
        }
        return Int(raw / fixedPointOne)
    }
}
