import Testing
import TradeEngine

@testable import Results

@Suite struct ResultTextTests {
    @Test(arguments: [
        ("a/b/c.csv", "c.csv"), ("c.csv", "c.csv"), ("dir/", ""), ("/abs/x.jsonl.zst", "x.jsonl.zst"),
        ("é/x/ü.csv", "ü.csv"),
        // A slash with a combining accent is one character that is not `/`.
        ("a/b\u{301}/\u{301}c", "b\u{301}/\u{301}c"),
    ])
    func fileNameIsWhatFollowsTheLastSlash(_ path: String, _ name: String) {
        #expect(ResultText.fileName(path) == name)
    }

    @Test func jsonTexts() {
        #expect(ResultText.jsonArray([]) == "[]")
        #expect(ResultText.jsonArray(["a", "b\"c\n\u{1}"]) == #"["a","b\"c\n\u0001"]"#)
        let metadata = StrategyMetadata(timeframe: "1h", confidence: 1e-7, strength: "é", rationale: nil)
        #expect(
            ResultText.metadataJSON(metadata)
                == #"{"timeframe":"1h","confidence":0.0000001,"strength":"é","rationale":null}"#)
        let quoted = StrategyMetadata(timeframe: "4h", confidence: -12.25, strength: "a\"b", rationale: "x\ty")
        #expect(
            ResultText.metadataJSON(quoted)
                == #"{"timeframe":"4h","confidence":-12.25,"strength":"a\"b","rationale":"x\ty"}"#)
        let notFinite = StrategyMetadata(timeframe: "", confidence: .nan, strength: "", rationale: nil)
        #expect(
            ResultText.metadataJSON(notFinite) == #"{"timeframe":"","confidence":null,"strength":"","rationale":null}"#)
    }
}
