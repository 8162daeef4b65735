import Market

/// Standard output for text that holds names from input files (strategy ids, symbols, paths):
/// control characters are escaped (`TerminalText`), the line breaks hedgesim put there kept.
enum Terminal {
    /// Prints `text` with control characters other than line feeds escaped.
    static func print(_ text: String, terminator: String = "\n") {
        Swift.print(TerminalText.escaped(text, keepingNewlines: true), terminator: terminator)
    }
}
