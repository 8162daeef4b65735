import Market

/// Text for the HTML report: escaping, and the deterministic number formats of SVG coordinates,
/// axis labels and table cells (never through `String(format:)` or the locale).
enum HTMLText {
    /// `text` escaped for HTML and SVG text and attribute values: `&`, `<`, `>`, `"` and `'`
    /// become entities; other control characters than tab, LF and CR are dropped (they are not
    /// allowed in HTML).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate for SVG: rounded to 0.1, without a trailing `.0` (`12`, `12.5`, `-0.3`).
    /// NaN and infinities give `0`.
    static func coordinate(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return "0" }
        let text = FixedPointFormatter.format(units: Int64((value * 10).rounded()), scale: 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// `value` with exactly `decimals` decimals (half away from zero) and thousands separated by
    /// commas: `12,345.60`, `-0.5`, `0`. A result that rounds to zero has no sign.
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = true) -> String {
        guard value.isFinite else { return "-" }
        let decimals = max(0, min(decimals, 8))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e17 else { return value < 0 ? "-∞" : "∞" }
        let units = Int64(scaled)
        var digits = FixedPointFormatter.format(units: units, scale: decimals)
        if grouping {
            let whole = digits.prefix { $0 != "." }
            if whole.count > 3 {
                var grouped = ""
                for (offset, ch) in whole.enumerated() {
                    if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
                    grouped.append(ch)
                }
                digits = grouped + digits.dropFirst(whole.count)
            }
        }
        return (value < 0 && units > 0 ? "-" : "") + digits
    }

    /// Money to two decimals (`1,234.50`, `-0.07`).
    static func money(_ value: Double) -> String { fixed(value, decimals: 2) }

    /// A percentage to one decimal without the sign (`41.5`).
    static func percent(_ value: Double) -> String { fixed(value, decimals: 1) }

    /// An identifier made of letters, digits and `-` for an element id (`run-1`, `momentum-v1`).
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
                dash = false
            } else if !dash && !out.isEmpty {
                out.append("-")
                dash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }
}
