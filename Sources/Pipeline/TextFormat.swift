import Foundation

/// The number formats of the command line's status lines.
public enum TextFormat {
    /// `1234567` as `1,234,567`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Seconds with two decimals and a unit: `1.25s`.
    public static func seconds(_ seconds: Double) -> String { String(format: "%.2fs", seconds) }

    /// Seconds of a duration.
    public static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
