import Feeds
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0, path: "t.json") }
    }

    @Test func keepsNumberText() throws {
        let value = try parse(#"{"a": [1e-05, -0.0375, 0.10, 200], "b": "0.10"}"#)
        #expect(value["a"]?.array?.map(\.numberText) == ["1e-05", "-0.0375", "0.10", "200"])
        #expect(value["b"]?.numberText == "0.10")
        #expect(value["a"]?.array?[2].kind == .number("0.10"))
    }

    @Test func literalsStringsAndEscapes() throws {
        let value = try parse(#"[true, false, null, "a\"b\\c\/\n\t", "\u00e9\ud834\udd1e", "naïve"]"#)
        let items = try #require(value.array)
        #expect(items[0].kind == .bool(true) && items[1].kind == .bool(false) && items[2].kind == .null)
        #expect(items[3].string == "a\"b\\c/\n\t")
        #expect(items[4].string == "é𝄞")
        #expect(items[5].string == "naïve")
    }

    @Test func tracksLines() throws {
        let value = try parse("{\n  \"a\": 1,\n  \"b\": [\n    2,\n    {\"c\": 3}\n  ]\n}")
        #expect(value.line == 1)
        #expect(value["a"]?.line == 2)
        #expect(value["b"]?.array?[1]["c"]?.line == 5)
        #expect(value.members?.map(\.key) == ["a", "b"])
    }

    @Test(arguments: [
        ("", "t.json:1: empty document (no JSON value)"),
        ("[1,]", "t.json:1: expected a JSON value (])"),
        ("{\"a\" 1}", "t.json:1: expected ':' after \"a\" (1})"),
        ("[01]", "t.json:1: malformed number: leading zero (01])"),
        ("[1.]", "t.json:1: malformed number (])"),
        ("\"abc", "t.json:1: unterminated string (end of input)"),
        ("[1]\n[2]", "t.json:2: unexpected text after the JSON value ([2])"),
        ("[\"a\nb\"]", "t.json:1: control character in a string (0x0A)"),
        ("[\"\\x\"]", "t.json:1: invalid escape in a string (\\x\"])"),
        ("[\"\\ud800\"]", "t.json:1: unpaired surrogate in a string (\"])"),
        ("{\"a\":\n\n tru}", "t.json:3: expected a JSON value (tru})"),
    ])
    func errors(_ text: String, _ expected: String) throws {
        let error = #expect(throws: FeedError.self) { try parse(text) }
        #expect(error?.description == expected)
    }

    @Test func invalidUTF8InAString() throws {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        let error = #expect(throws: FeedError.self) {
            try bytes.withUnsafeBytes { buffer in _ = try JSONParser.parse(buffer, path: "t.json") }
        }
        #expect(error?.description == "t.json:1: invalid UTF-8 in a string (0xFF)")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = #expect(throws: FeedError.self) { try parse(text) }
        #expect(error?.message == "JSON nested too deeply")
    }

    @Test func jsonlLineNumbers() throws {
        let bytes = Array("{\"a\": x}".utf8)
        let error = #expect(throws: FeedError.self) {
            try bytes.withUnsafeBytes { buffer in _ = try JSONParser.parse(buffer, path: "s.jsonl", line: 42) }
        }
        #expect(error?.description == "s.jsonl:42: expected a JSON value (x})")
    }
}
