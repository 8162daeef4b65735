/// Text made safe to print to a terminal: control characters (C0 except the allowed ones, DEL,
/// C1) are shown as `\n`, `\r`, `\t`, `\e` or `\u{…}` instead of reaching the terminal, so a
/// strategy id or a file name from an input file cannot clear the screen, move the cursor or set
/// the window title. Text without control characters is returned unchanged.
public enum TerminalText {
    /// `text` with every control character escaped; `keepingNewlines` leaves `\n` as is (for
    /// multi-line output whose lines were built by hedgesim).
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepingNewlines && $0 == "\n") }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar), !(keepingNewlines && scalar == "\n") else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default: out += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return out
    }

    /// True for C0 controls, DEL and C1 controls.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
