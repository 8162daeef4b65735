import Feeds
import Foundation
import Market
import Testing

@Suite struct JSONFileTests {
    func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try JSONFile.parse($0, path: "t.json") }
    }

    @Test func keepsNumberText() throws {
        let value = try parse(#"{"a": [1e-05, -0.0375, 0.10, 200], "b": "0.10"}"#)
        #expect(value["a"]?.array?.map(\.numberText) == ["1e-05", "-0.0375", "0.10", "200"])
        #expect(value["b"]?.numberText == "0.10")
        #expect(value["a"]?.array?[2].kind == .number(JSONNumber(text: "0.10")))
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

    @Test func duplicateKeysTakeTheLastAsPython() throws {
        let value = try parse(#"{"symbols": [1], "symbols": [2, 3]}"#)
        #expect(value["symbols"]?.array?.count == 2)
        #expect(value.members?.count == 2)
    }

    @Test func skipsAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\n[1]".utf8)
        let value = try bytes.withUnsafeBytes { try JSONFile.parse($0, path: "t.json") }
        #expect(value.array?.count == 1 && value.line == 2)
    }

    @Test(arguments: [
        ("", "t.json:1: empty document (no JSON value)"),
        ("[1,]", "t.json:1: expected a value (])"),
        ("{\"a\" 1}", "t.json:1: expected ':' after object key (1})"),
        ("[01]", "t.json:1: expected ',' or ']' in array (1])"),
        ("[1.]", "t.json:1: invalid number (1.])"),
        ("\"abc", "t.json:1: unterminated string (end of input)"),
        ("[1]\n[2]", "t.json:2: unexpected data after the value ([2])"),
        ("[\"a\nb\"]", "t.json:1: control character in string (0x0A)"),
        ("[\"\\x\"]", "t.json:1: invalid escape (\\x\"])"),
        ("[\"\\ud800\"]", "t.json:1: lone surrogate in \\u escape (\\ud800\"])"),
        ("{\"a\":\n\n tru}", "t.json:3: expected a value (tru})"),
        ("[0123456789012345678901234]", "t.json:1: expected ',' or ']' in array (12345678901234567890…)"),
    ])
    func errors(_ text: String, _ expected: String) throws {
        let error = #expect(throws: FeedError.self) { try parse(text) }
        #expect(error?.description == expected)
    }

    @Test func invalidUTF8InAString() throws {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        let error = #expect(throws: FeedError.self) {
            try bytes.withUnsafeBytes { buffer in _ = try JSONFile.parse(buffer, path: "t.json") }
        }
        #expect(error?.description == "t.json:1: invalid UTF-8 (0xFF)")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let error = #expect(throws: FeedError.self) { try parse(text) }
        #expect(error?.message == "nesting too deep")
    }

    @Test func jsonlLineNumbers() throws {
        let bytes = Array("{\"a\": x}".utf8)
        let error = #expect(throws: FeedError.self) {
            try bytes.withUnsafeBytes { buffer in _ = try JSONFile.parse(buffer, path: "s.jsonl", line: 42) }
        }
        #expect(error?.description == "s.jsonl:42: expected a value (x})")
    }
}

@Suite struct JSONFileLimitTests {
    @Test func aDocumentAboveTheSizeLimitIsRefused() throws {
        let spaces = [UInt8](repeating: 0x20, count: JSONFile.maximumSize + 1)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hedgesim-feeds-huge.json.zst").path
        try Data(ZstdCompressor.compress(spaces, level: 1)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FeedError.self) { try JSONFile.read(path) }
        #expect(error?.description == "\(path):0: file larger than 67108864 bytes (JSON input limit)")
    }
}
