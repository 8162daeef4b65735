import Market

/// Text for report cells that hold JSON: string literals, and doubles in `DoubleText.plain`.
enum NumberText {
    /// `DoubleText.plain(value)`.
    static func real(_ value: Double) -> String? { DoubleText.plain(value) }

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
