import Market
import Testing

/// `TerminalText`: control characters never reach the terminal.
@Suite struct TerminalTextTests {
    @Test func plainTextIsUnchanged() {
        for text in ["momentum_v1", "Δ net", "AVAXUSDT 9.87", ""] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func controlCharactersAreEscaped() {
        #expect(TerminalText.escaped("a\u{1B}]0;pwned\u{07}b") == "a\\e]0;pwned\\u{7}b")
        #expect(TerminalText.escaped("x\u{1B}[2Jy") == "x\\e[2Jy")
        #expect(TerminalText.escaped("1\n2\r3\t4") == "1\\n2\\r3\\t4")
        #expect(TerminalText.escaped("del\u{7F} c1\u{9B}") == "del\\u{7f} c1\\u{9b}")
        #expect(TerminalText.escaped("line 1\nline\u{1B}2\n", keepingNewlines: true) == "line 1\nline\\e2\n")
    }

    @Test func noEscapedTextHoldsAControlCharacter() {
        var scalars: [Unicode.Scalar] = []
        for value in 0..<0x100 { scalars.append(Unicode.Scalar(UInt8(value))) }
        let escaped = TerminalText.escaped(String(String.UnicodeScalarView(scalars)))
        #expect(!escaped.unicodeScalars.contains(where: TerminalText.isControl))
    }
}
