import Market

/// What kind of market-data file a path holds, told from its content.
public enum FeedKind: String, Sendable, Hashable, CustomStringConvertible {
    case klines
    case funding
    case exchangeInfo = "exchange info"
    case leverageBrackets = "leverage brackets"

    public var description: String { rawValue }

    /// Looks at the first line (and for JSON, the parsed document): a JSON object with `symbols`
    /// is exchangeInfo; bracket-shaped JSON is leverage brackets; other JSON, and CSV whose
    /// header mentions funding, is funding; other CSV is klines.
    ///
    /// - Throws: `FeedError` when the file is missing, unreadable or malformed JSON.
    public static func detect(_ path: String) throws(FeedError) -> FeedKind {
        let lines = try LineReader(path: path, bufferSize: 1 << 16)
        guard let first = try lines.next() else { return .klines }
        let start = first.bytes.first(where: { $0 != 0x20 && $0 != 0x09 })
        if start == 0x7B || start == 0x5B {
            let json = try JSONFile.read(path)
            if json["symbols"] != nil { return .exchangeInfo }
            if LeverageBracketReader.matches(json) { return .leverageBrackets }
            return .funding
        }
        let header = String(decoding: first.bytes, as: UTF8.self).lowercased()
        if header.contains("funding") || header.hasPrefix("calc_time") { return .funding }
        return .klines
    }
}
