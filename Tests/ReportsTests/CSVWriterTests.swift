import Testing

@testable import Reports

@Suite struct CSVWriterTests {
    func field(_ text: String) -> String {
        var out: [UInt8] = []
        CSVWriter.appendField(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        ("cr\rhere", "\"cr\rhere\""), ("", "\"\""), (" padded ", " padded "), ("µ→", "µ→"),
    ])
    func quotesOnlyWhenNeeded(text: String, encoded: String) {
        #expect(field(text) == encoded)
    }

    @Test func recordsEndWithCRLFAndNullIsEmpty() {
        var out: [UInt8] = []
        CSVWriter.appendRecord(["a", nil, "", "b,c"], to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a,,\"\",\"b,c\"\r\n")
    }
}
