import Market
public import TradeEngine

/// Text the column lists derive: JSON for report columns, file names for the digest.
public enum ResultText {
    /// A JSON array of strings (`["a","b"]`).
    @usableFromInline static func jsonArray(_ texts: [String]) -> String {
        var out = "["
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(",") }
            JSONString.appendQuoted(text, to: &out)
        }
        return out + "]"
    }

    /// The last component of a path (`a/b/c.csv` → `c.csv`): what follows the last `/` character.
    /// An ASCII path is searched byte by byte (each byte a character there). The digest and the
    /// portable settings name files this way.
    public static func fileName(_ path: String) -> String {
        let utf8 = path.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
            return String(path[utf8.index(after: slash)...])
        }
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `strategy_metadata` as live keeps it: `{timeframe, confidence, strength, rationale}`.
    @usableFromInline static func metadataJSON(_ m: StrategyMetadata) -> String {
        var out = "{\"timeframe\":"
        JSONString.appendQuoted(m.timeframe, to: &out)
        out += ",\"confidence\":" + (DoubleText.plain(m.confidence) ?? "null")
        out += ",\"strength\":"
        JSONString.appendQuoted(m.strength, to: &out)
        out += ",\"rationale\":"
        if let rationale = m.rationale { JSONString.appendQuoted(rationale, to: &out) } else { out += "null" }
        return out + "}"
    }
}
