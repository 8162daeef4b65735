public import TradeEngine

/// Text the column lists derive: JSON for report columns, file names for the digest.
@usableFromInline enum ResultText {
    /// A JSON string literal (`"a\"b"`; control characters as `\n`, `\r`, `\t` or `\u00XX`).
    @usableFromInline static func jsonString(_ text: String, into out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// A JSON array of strings (`["a","b"]`).
    @usableFromInline static func jsonArray(_ texts: [String]) -> String {
        var out = "["
        for (index, text) in texts.enumerated() {
            if index > 0 { out.append(",") }
            jsonString(text, into: &out)
        }
        return out + "]"
    }

    /// The shortest decimal that reads back as `value`, never in exponent form: `0.3`, `5`,
    /// `0.00001`, `-12.25`. NaN and infinities give nil.
    @usableFromInline static func real(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        let text = "\(value)"
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var negative = false
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        // Digits and the position of the decimal point within them.
        var digits = ""
        var pointAt = mantissa.count
        for (offset, ch) in mantissa.enumerated() {
            if ch == "." { pointAt = offset } else { digits.append(ch) }
        }
        pointAt += exponent
        // Strip leading zeros (keeping the point position) and trailing zeros.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointAt -= 1
        }
        while digits.count > 1, digits.last == "0", digits.count > pointAt { digits.removeLast() }
        var out = negative ? "-" : ""
        if pointAt <= 0 {
            out += "0." + String(repeating: "0", count: -pointAt) + digits
        } else if pointAt >= digits.count {
            out += digits + String(repeating: "0", count: pointAt - digits.count)
        } else {
            let split = digits.index(digits.startIndex, offsetBy: pointAt)
            out += digits[..<split] + "." + digits[split...]
        }
        return out
    }

    /// The last component of a path (`a/b/c.csv` → `c.csv`): what follows the last `/` character.
    /// An ASCII path is searched byte by byte (each byte a character there).
    @usableFromInline static func fileName(_ path: String) -> String {
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
        jsonString(m.timeframe, into: &out)
        out += ",\"confidence\":" + (real(m.confidence) ?? "null")
        out += ",\"strength\":"
        jsonString(m.strength, into: &out)
        out += ",\"rationale\":"
        if let rationale = m.rationale { jsonString(rationale, into: &out) } else { out += "null" }
        return out + "}"
    }
}
