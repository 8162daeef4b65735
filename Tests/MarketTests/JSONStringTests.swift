import Market
import Testing

@Suite struct JSONStringTests {
    @Test func quotesAndEscapes() {
        #expect(JSONString.quoted("plain") == #""plain""#)
        #expect(JSONString.quoted("a\"b\\c") == #""a\"b\\c""#)
        #expect(JSONString.quoted("line\nnext\r\tend") == #""line\nnext\r\tend""#)
        #expect(JSONString.quoted("\u{01}\u{1F}") == #""\u0001\u001f""#)
        #expect(JSONString.quoted("BTCUSDT Ⓢ é") == "\"BTCUSDT Ⓢ é\"")
        #expect(JSONString.quoted("") == "\"\"")
    }

    @Test func controlCharactersAsTheReportExportWritesThem() {
        #expect(JSONString.quoted("a\"b\\c\nd\re\tf\u{1}") == #""a\"b\\c\nd\re\tf\u0001""#)
        #expect(JSONString.quoted("µ→") == "\"µ→\"")
    }

    @Test func appendQuotedAppendsWhatQuotedReturns() {
        var out = "["
        JSONString.appendQuoted("a\"b\u{1}", to: &out)
        #expect(out == "[" + JSONString.quoted("a\"b\u{1}"))
        #expect(out == #"["a\"b\u0001""#)
    }
}
