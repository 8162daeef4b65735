import Market
import Testing

@Suite struct JSONReaderTests {
    @Test func parsesScalarsAndKeepsNumberText() throws {
        #expect(try JSONReader.parse("null") == .null)
        #expect(try JSONReader.parse(" true ") == .bool(true))
        #expect(try JSONReader.parse("false") == .bool(false))
        #expect(try JSONReader.parse("\"abc\"") == .string("abc"))
        for text in ["0", "-0", "12.50", "1e-05", "0.30000000000000004", "-1.5E+3", "123456789012345678901234567890"] {
            #expect(try JSONReader.parse(text) == .number(JSONNumber(text: text)))
        }
    }

    @Test func numbersConvertExactly() throws {
        let number = try #require(try JSONReader.parse("0.30000000000000004").number)
        #expect(number.double == 0.30000000000000004)
        #expect(number.fixedPoint(Rate.self) == nil)
        #expect(number.fixedPoint(Rate.self, rounding: .nearest) == Rate("0.3"))
        #expect(try JSONReader.parse("42").number?.int64 == 42)
        #expect(try JSONReader.parse("42.0").number?.int64 == nil)
        #expect(try JSONReader.parse("3012.45").number?.fixedPoint(Price.self) == Price("3012.45"))
    }

    @Test(arguments: [
        ("0.72", 0.72), ("1", 1.0), ("-0.0", -0.0), ("1e-05", 1e-05), ("123.456e2", 12345.6),
        ("0.1000000000000000055511151231257827", 0.1), ("9007199254740993", 9007199254740992.0),
        ("2.2250738585072014e-308", 2.2250738585072014e-308), ("1e400", Double.infinity), ("4.35", 4.35),
        ("0.000001", 0.000001), ("17976931348623157e292", 1.7976931348623157e308),
    ])
    func doublesAreCorrectlyRounded(text: String, value: Double) {
        var copy = text
        let parsed = copy.withUTF8 { JSONNumber.parseDouble(UnsafeRawBufferPointer($0)) }
        #expect(parsed == value)
        #expect(parsed.sign == value.sign)
    }

    @Test func unescapesStringsIncludingSurrogatePairs() throws {
        let text = #""a\"b\\c\/d\b\f\n\r\t \u00e9 \u20AC \ud83d\ude00 é""#
        #expect(try JSONReader.parse(text) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t é € 😀 é"))
    }

    @Test func keepsNestingAndMemberOrder() throws {
        let value = try JSONReader.parse(#"{"b": [1, {"c": null}], "a": {"d": [[]]}, "b": "last"}"#)
        #expect(value.members?.map(\.key) == ["b", "a", "b"])
        #expect(value["b"] == .string("last"))
        #expect(value["a"]?["d"]?[0] == .array([]))
        #expect(value.members?[0].value[1]?["c"] == .null)
        #expect(value["missing"] == nil)
    }

    @Test func streamsMembersAsTokens() throws {
        let text = #"{"k": "v", "n": -1.5e3, "o": {"x": [1, 2]}, "t": true}"#
        var keys: [String] = []
        var kinds: [JSONKind] = []
        var raws: [String] = []
        var copy = text
        try copy.withUTF8 { buffer in
            var reader = JSONReader(UnsafeRawBufferPointer(buffer))
            #expect(try reader.beginObject())
            repeat {
                let key = try reader.readKey()
                keys.append(reader.string(key))
                let value = try reader.readToken()
                kinds.append(value.kind)
                raws.append(reader.text(value))
            } while try reader.nextMember()
            try reader.expectEnd()
        }
        #expect(keys == ["k", "n", "o", "t"])
        #expect(kinds == [.string, .number, .object, .boolean])
        #expect(raws == [#""v""#, "-1.5e3", #"{"x": [1, 2]}"#, "true"])
    }

    static let errorCases: [(String, String, Int)] = [
        (#"{"a": 1"#, "unterminated object", 8),
        (#"{"a": 1,"#, "unterminated object", 9),
        (#"{"a" 1}"#, "expected ':' after object key", 6),
        (#"{"a": 1 "b": 2}"#, "expected ',' or '}' in object", 9),
        (#"{a: 1}"#, "expected a string key", 2),
        (#"[1, 2"#, "unterminated array", 6),
        (#"[1 2]"#, "expected ',' or ']' in array", 4),
        (#"[1,]"#, "expected a value", 4),
        (#"{"a": 1,}"#, "expected a string key", 9),
        (#""abc"#, "unterminated string", 5),
        ("\"a\u{01}b\"", "control character in string", 3),
        (#""\x""#, "invalid escape", 2),
        (#""\u12G4""#, "invalid \\u escape", 2),
        (#""\ud83d""#, "lone surrogate in \\u escape", 2),
        (#""\ude00""#, "lone surrogate in \\u escape", 2),
        ("01", "unexpected data after the value", 2),
        ("-", "invalid number", 1),
        ("1.", "invalid number", 1),
        ("1e+", "invalid number", 1),
        ("NaN", "expected a value", 1),
        ("tru", "unexpected end of input", 4),
        ("nul!", "expected a value", 1),
        ("", "unexpected end of input", 1),
        ("{} {}", "unexpected data after the value", 4),
        ("// c\n1", "expected a value", 1),
    ]

    @Test(arguments: errorCases)
    func reportsErrorsWithPositions(text: String, message: String, column: Int) {
        #expect(throws: JSONError.self) { try JSONReader.parse(text) }
        do {
            _ = try JSONReader.parse(text)
        } catch {
            #expect(error.message == message)
            #expect(error.column == column)
            #expect(error.line == 1)
        }
    }

    @Test func locatesErrorsOnLaterLines() {
        do {
            _ = try JSONReader.parse("{\n  \"a\": 1,\n  \"b\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
            #expect(error.description == "expected a value at line 3, column 8")
        }
    }

    @Test func rejectsInvalidUTF8() throws {
        let bytes: [[UInt8]] = [
            [0x22, 0xC3, 0x22],  // truncated 2-byte sequence
            [0x22, 0xC0, 0xAF, 0x22],  // overlong
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
            [0x22, 0xFF, 0x22],
        ]
        for input in bytes {
            #expect(throws: JSONError.self) { try JSONReader.parse(input) }
        }
        #expect(try JSONReader.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]) == .string("😀"))
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONError.self) { try JSONReader.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONReader.parse(ok)) != nil)
        var copy = deep
        copy.withUTF8 { buffer in
            var reader = JSONReader(UnsafeRawBufferPointer(buffer))
            #expect(throws: JSONError.self) { try reader.readToken() }
        }
    }

    @Test func valuesKnowTheirLinesFromTheFirstLine() throws {
        // Line feeds inside and across eight-byte words, for the word-wise count.
        let text = "{\n\"a\":\n\t[1,\n\n  2, \"long text on one line\", {\"c\":\n null}],\n\"b\": true\n}"
        let value = try Array(text.utf8).withUnsafeBytes { try JSONReader.parse($0, firstLine: 10) }
        #expect(value.line == 10)
        let a = try #require(value["a"])
        #expect(a.line == 12)
        #expect(a[0]?.line == 12)
        #expect(a[1]?.line == 14)
        #expect(a[2]?.line == 14)
        #expect(a[3]?.line == 14)
        #expect(a[3]?["c"]?.line == 15)
        #expect(value["b"]?.line == 16)
        let again = try JSONReader.parse(text)
        #expect(value == again)  // equality ignores lines
        #expect(again.line == 1)
    }

    @Test func errorsCountLinesFromTheFirstLine() {
        let bytes = Array("[1,\n2,\n]".utf8)
        let error = #expect(throws: JSONError.self) {
            _ = try bytes.withUnsafeBytes { try JSONReader.parse($0, firstLine: 7) }
        }
        #expect(error?.line == 9)
        #expect(error?.column == 1)
        #expect(error?.message == "expected a value")
    }
}
