import Market

/// Number formatting for exports, JSON and summaries: exact decimals from `_e8` integers, and
/// doubles in their shortest round-trip digits without an exponent.
enum NumberText {
    /// The exact decimal of a count of 10⁻⁸ units: `12.5`, `-0.00000001`, `0`.
    static func exact(e8: Int64) -> String { Money(raw: e8).description }

    /// The shortest decimal that reads back as `value`, never in exponent form: `0.3`, `5`,
    /// `0.00001`, `-12.25`. NaN and infinities give nil (NULL in a report).
    static func real(_ value: Double) -> String? {
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

    /// A JSON string literal.
    static func jsonString(_ text: String, into out: inout String) {
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

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = ""
        jsonString(text, into: &out)
        return out
    }
}
