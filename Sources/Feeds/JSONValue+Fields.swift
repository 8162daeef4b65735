import Market

/// Typed access to JSON members with `file:line` errors, shared by the rules readers.
extension JSONValue {
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
