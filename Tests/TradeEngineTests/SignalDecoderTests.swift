import Market
import Testing
import TradeEngine

@Suite struct SignalDecoderTests {
    /// The reference's realistic example (§1.5), as one line.
    static let example =
        #"{"strategy_id": "rsi_extreme_reversal", "signal_id": null, "decision_id": "3f2b9c0e8a7d4e51b6c2a9f0d1e4c7b8", "#
        + #""strategy_mode": "deterministic", "symbol": "ETHUSDT", "action": "buy", "confidence": 0.72, "#
        + #""strength": "strong", "price": 3012.45, "quantity": 0.0, "current_price": 3012.45, "#
        + #""source": "petrosa-cio", "strategy": "rsi_extreme_reversal", "timeframe": "15m", "order_type": "market", "#
        + #""time_in_force": "GTC", "position_size_pct": null, "stop_loss": 2982.33, "stop_loss_pct": null, "#
        + #""take_profit": 3072.69, "take_profit_pct": null, "metadata": {"rsi_2": 8.4, "rsi_momentum": 1.9, "#
        + #""signal_strength": "extreme", "strategy_config": {"version": 1, "parameters": {}, "source": "default", "#
        + #""is_override": false}}, "timestamp": "2026-06-10T14:15:00.123456+00:00", "#
        + #""intent_id": "9a1e3c2b7f5d4c1a8b0e6f2d3c4b5a69", "recommended_leverage": null, "#
        + #""_otel_trace_headers": {"traceparent": "00-abc-def-01"}}"#

    /// A minimal valid line; `extra` is spliced in before the closing brace.
    static func line(_ extra: String = "", without: String? = nil) -> String {
        var fields = [
            #""strategy_id": "s1""#, #""symbol": "BTCUSDT""#, #""action": "buy""#, #""confidence": 0.8"#,
            #""price": 45000"#, #""quantity": 0.001"#, #""current_price": 45000"#, #""source": "ta_bot""#,
            #""strategy": "s1""#, #""timestamp": "2024-01-01T12:00:00Z""#,
        ]
        if let without { fields.removeAll { $0.hasPrefix("\"\(without)\"") } }
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    static func error(_ text: String) -> String? {
        do {
            _ = try SignalDecoder.decode(text, file: "signals.jsonl", line: 7)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func decodesTheReferenceExample() throws {
        let signal = try SignalDecoder.decode(Self.example, file: "signals.jsonl", line: 3)
        #expect(signal.origin == SignalOrigin(file: "signals.jsonl", line: 3))
        #expect(signal.strategyID == "rsi_extreme_reversal")
        #expect(signal.signalID == nil)
        #expect(signal.decisionID == "3f2b9c0e8a7d4e51b6c2a9f0d1e4c7b8")
        #expect(signal.strategyMode == .deterministic)
        #expect(signal.symbol == "ETHUSDT")
        #expect(signal.action == .buy)
        #expect(signal.confidence == 0.72)
        #expect(signal.confidenceRate == Rate("0.72"))
        #expect(signal.strength == .strong)
        #expect(signal.price == Price("3012.45"))
        #expect(signal.quantity == .zero)
        #expect(signal.currentPrice == Price("3012.45"))
        #expect(signal.source == "petrosa-cio")
        #expect(signal.timeframe == "15m")
        #expect(signal.orderType == .market)
        #expect(signal.timeInForce == .gtc)
        #expect(signal.positionSizePct == nil)
        #expect(signal.stopLoss == Price("2982.33"))
        #expect(signal.takeProfit == Price("3072.69"))
        #expect(signal.metadata.text.hasPrefix(#"{"rsi_2": 8.4"#))
        #expect(try signal.metadata.parse()["strategy_config"]?["version"] == .number(JSONNumber(text: "1")))
        #expect(signal.timestamp.isoformat == "2026-06-10T14:15:00.123456+00:00")
        #expect(signal.meta == .emptyObject)
        #expect(signal.isSimulated == false)
    }

    @Test func appliesTheLiveDefaults() throws {
        let signal = try SignalDecoder.decode(Self.line(), file: "f", line: 1)
        #expect(signal.strategyMode == .deterministic)
        #expect(signal.strength == .medium)
        #expect(signal.timeframe == "1h")
        #expect(signal.orderType == .market)
        #expect(signal.timeInForce == .gtc)
        #expect(signal.metadata == .emptyObject)
        #expect(signal.meta == .emptyObject)
        #expect(signal.targetPrice == nil && signal.stopLossPct == nil && signal.llmReasoning == nil)
        #expect(signal.timestamp.isoformat == "2024-01-01T12:00:00+00:00")
    }

    @Test func readsEveryOptionalField() throws {
        let extra =
            #""id": "x1", "signal_id": "sig-9", "signal_type": "buy", "target_price": 46000.5, "#
            + #""order_type": "stop_limit", "time_in_force": "IOC", "position_size_pct": 0.05, "#
            + #""quote_quantity": 100, "stop_loss_pct": 0.02, "take_profit_pct": 0.05, "conditional_price": 44000, "#
            + #""conditional_direction": "below", "conditional_timeout": 30.0, "iceberg_quantity": 0.0005, "#
            + #""client_order_id": "c-1", "model_confidence": 0.9, "model_features": {"f": [1, 2]}, "#
            + #""llm_reasoning": "because", "llm_alternatives": [{"a": 1}, {}], "#
            + #""indicators": {"rsi": 30, "confidence": 0.3, "nested": {"confidence": 0.99}}, "#
            + #""rationale": "oversold", "meta": {"simulate": true}, "strategy_mode": "ml_light""#
        let signal = try SignalDecoder.decode(Self.line(extra), file: "f", line: 1)
        #expect(signal.id == "x1")
        #expect(signal.recordedSignalID == "sig-9")
        #expect(signal.signalType == .buy)
        #expect(signal.targetPrice == Price("46000.5"))
        #expect(signal.orderType == .stopLimit)
        #expect(signal.timeInForce == .ioc)
        #expect(signal.positionSizePct == SignalFraction(rate: Rate("0.05")!, float: 0.05))
        #expect(signal.quoteQuantity == Quantity("100"))
        #expect(signal.stopLossPct?.rate == Rate("0.02"))
        #expect(signal.takeProfitPct?.float == 0.05)
        #expect(signal.conditionalPrice == Price("44000"))
        #expect(signal.conditionalDirection == .below)
        #expect(signal.conditionalTimeout == 30)
        #expect(signal.icebergQuantity == Quantity("0.0005"))
        #expect(signal.clientOrderID == "c-1")
        #expect(signal.modelConfidence == 0.9)
        #expect(signal.modelFeatures?.text == #"{"f": [1, 2]}"#)
        #expect(signal.llmReasoning == "because")
        #expect(signal.llmAlternatives?.text == #"[{"a": 1}, {}]"#)
        #expect(signal.indicatorConfidence == .number(JSONNumber(text: "0.3")))
        #expect(signal.rationale == "oversold")
        #expect(signal.isSimulated == true)
        #expect(signal.strategyMode == .mlLight)
    }

    @Test func keepsFloatNoiseExactlyAndRoundsToTheScale() throws {
        let extra = #""stop_loss_pct": 0.020000000000000004, "take_profit": 0.30000000000000004"#
        var text = Self.line(extra).replacing(#""confidence": 0.8"#, with: #""confidence": 0.7000000000000001"#)
        text = text.replacing(#""price": 45000"#, with: #""price": 45123.123456789"#)
        let signal = try SignalDecoder.decode(text, file: "f", line: 1)
        #expect(signal.price == Price("45123.12345679"))
        #expect(signal.takeProfit == Price("0.3"))
        #expect(signal.stopLossPct?.rate == Rate("0.02"))
        #expect(signal.stopLossPct?.float == 0.020000000000000004)
        #expect(signal.stopLossPct?.pythonText == "0.020000000000000004")
        #expect(signal.confidence == 0.7000000000000001)
        #expect(signal.confidenceRate == Rate("0.7"))
    }

    @Test func ignoresUnknownKeysAndKeepsTheLastDuplicate() throws {
        let extra =
            #""intent_id": "abc", "_otel_trace_headers": {"traceparent": "x"}, "recommended_leverage": [1, {"a": null}], "#
            + #""confidence": 0.95, "confidence_score": "HIGH""#
        let signal = try SignalDecoder.decode(Self.line(extra), file: "f", line: 1)
        #expect(signal.confidence == 0.95)
        // An invalid value replaced by a later valid one is accepted, as json.loads keeps the last.
        let replaced = Self.line(#""action": "buyy", "action": "sell""#).replacing(
            #""action": "buy", "#, with: "")
        #expect(try SignalDecoder.decode(replaced, file: "f", line: 1).action == .sell)
    }

    @Test func acceptsEscapedKeysAndNumericStrings() throws {
        let text = Self.line().replacing(#""symbol""#, with: #""\u0073ymbol""#)
            .replacing(#""confidence": 0.8"#, with: #""confidence": " 0.8 ""#)
            .replacing(#""price": 45000"#, with: #""price": "45000.5""#)
        let signal = try SignalDecoder.decode(text, file: "f", line: 1)
        #expect(signal.symbol == "BTCUSDT")
        #expect(signal.confidence == 0.8)
        #expect(signal.price == Price("45000.5"))
    }

    @Test func acceptsNegativePricesAndQuantities() throws {
        let text = Self.line().replacing(#""price": 45000"#, with: #""price": -1"#)
            .replacing(#""quantity": 0.001"#, with: #""quantity": -0.5"#)
        let signal = try SignalDecoder.decode(text, file: "f", line: 1)
        #expect(signal.price == Price("-1"))
        #expect(signal.quantity == Quantity("-0.5"))
    }

    @Test(arguments: [
        (#""timestamp": 1718000000"#, "2024-06-10T06:13:20+00:00"),
        (#""timestamp": 1718000000.25"#, "2024-06-10T06:13:20.250000+00:00"),
        (#""timestamp": "1718000000""#, "2024-06-10T06:13:20+00:00"),
        (#""timestamp": 946684800"#, "2000-01-01T00:00:00+00:00"),
        (#""timestamp": 4102444800"#, "2100-01-01T00:00:00+00:00"),
        (#""timestamp": 1.7e9"#, "2023-11-14T22:13:20+00:00"),
        (#""timestamp": "2024-01-01T14:00:00+02:00""#, "2024-01-01T14:00:00+02:00"),
    ])
    func readsTimestampsAsLive(member: String, isoformat: String) throws {
        let signal = try SignalDecoder.decode(Self.line(member, without: "timestamp"), file: "f", line: 1)
        #expect(signal.timestamp.isoformat == isoformat)
    }

    static let malformed: [(String, String)] = [
        (#"{"strategy_id": "s1", "symbol": "BTCUSDT""#, "invalid JSON: unterminated object (column 42)"),
        (#"{"strategy_id": "s1", "symbol": "BTC"#, "invalid JSON: unterminated string (column 37)"),
        (#"{"strategy_id": "s1",, "symbol": "BTC"}"#, "invalid JSON: expected a string key (column 22)"),
        ("", "invalid JSON: unexpected end of input (column 1)"),
        (#"[1, 2]"#, "expected a JSON object ([1, 2])"),
        (#"{"a": 1} x"#, "invalid JSON: unexpected data after the value (column 10)"),
        (line(#""confidence": 1.5"#, without: "confidence"), "confidence out of range [0, 1] (1.5)"),
        (line(#""confidence": -0.1"#, without: "confidence"), "confidence out of range [0, 1] (-0.1)"),
        (line(#""confidence": true"#, without: "confidence"), "expected a number for confidence (true)"),
        (line(#""confidence": null"#, without: "confidence"), "expected a number for confidence (null)"),
        (line(without: "confidence"), "missing required field (confidence)"),
        (line(#""action": "buyy""#, without: "action"), "unknown action (buyy)"),
        (line(#""action": "BUY""#, without: "action"), "unknown action (BUY)"),
        (line(#""action": 1"#, without: "action"), "expected a string for action (1)"),
        (line(#""strength": "high""#), "unknown strength (high)"),
        (line(#""strategy_mode": "ml""#), "unknown strategy_mode (ml)"),
        (line(#""price": "abc""#, without: "price"), #"expected a number for price ("abc")"#),
        (line(#""price": null"#, without: "price"), "expected a number for price (null)"),
        (line(#""price": 1e20"#, without: "price"), "number out of range for price (1e20)"),
        (line(without: "price"), "missing required field (price)"),
        (line(without: "strategy_id"), "missing required field (strategy_id)"),
        (line(without: "source"), "missing required field (source)"),
        (line(without: "strategy"), "missing required field (strategy)"),
        (line(without: "current_price"), "missing required field (current_price)"),
        (line(#""strategy_id": 5"#, without: "strategy_id"), "expected a string for strategy_id (5)"),
        (line(#""metadata": null"#), "expected an object for metadata (null)"),
        (line(#""meta": [1]"#), "expected an object for meta ([1])"),
        (line(#""indicators": "rsi""#), #"expected an object for indicators ("rsi")"#),
        (line(#""llm_alternatives": [1]"#), "expected an array of objects for llm_alternatives ([1])"),
        (line(#""position_size_pct": 2"#), "position_size_pct out of range [0, 1] (2)"),
        (line(#""stop_loss_pct": -0.01"#), "stop_loss_pct out of range [0, 1] (-0.01)"),
        (line(#""take_profit_pct": "x""#), #"expected a number for take_profit_pct ("x")"#),
        (line(#""model_confidence": 1.01"#), "model_confidence out of range [0, 1] (1.01)"),
        (line(#""conditional_timeout": 30.5"#), "expected an integer for conditional_timeout (30.5)"),
        (line(#""conditional_direction": "up""#), "unknown conditional_direction (up)"),
        (line(#""timeframe": 15"#), "expected a string for timeframe (15)"),
        (line(#""timestamp": "yesterday""#, without: "timestamp"), #"invalid timestamp ("yesterday")"#),
        (
            line(#""timestamp": "2024-13-01T00:00:00""#, without: "timestamp"),
            #"invalid timestamp ("2024-13-01T00:00:00")"#
        ),
        (line(#""timestamp": null"#, without: "timestamp"), "invalid timestamp (null)"),
        (line(#""timestamp": true"#, without: "timestamp"), "invalid timestamp (true)"),
        (line(without: "timestamp"), "missing required field (timestamp)"),
        (line(#""timestamp": 12345"#, without: "timestamp"), "timestamp out of range [946684800, 4102444800] (12345)"),
        (
            line(#""timestamp": 1718000000000"#, without: "timestamp"),
            "timestamp out of range [946684800, 4102444800] (1718000000000)"
        ),
        (
            line(#""timestamp": "4102444801""#, without: "timestamp"),
            #"timestamp out of range [946684800, 4102444800] ("4102444801")"#
        ),
        (
            line(#""price": "\#(String(repeating: "x", count: 80))""#, without: "price"),
            #"expected a number for price (""# + String(repeating: "x", count: 58) + "…)"
        ),
    ]

    @Test(arguments: malformed)
    func reportsFileLineMessageAndValue(text: String, expected: String) {
        #expect(Self.error(text) == "signals.jsonl:7: " + expected)
    }

    @Test func errorsAreSendableValues() {
        let error = SignalDecodingError(file: "a.jsonl", line: 2, message: "unknown action", value: "buyy")
        let boxed: any Error & Sendable = error
        #expect("\(boxed)" == "a.jsonl:2: unknown action (buyy)")
    }

    @Test func reusesOneDecoderAcrossLines() throws {
        var decoder = SignalDecoder()
        let first = try decoder.decode(Self.line(#""stop_loss_pct": 0.01"#), file: "f", line: 1)
        let second = try decoder.decode(Self.line(), file: "f", line: 2)
        #expect(first.stopLossPct != nil)
        #expect(second.stopLossPct == nil)
        #expect(second.origin.line == 2)
    }
}
