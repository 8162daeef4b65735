import Exchange
import Foundation
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Backtest

/// Random extreme values (seeded, so every run of the suite tries the same ones) for every
/// numeric signal field, every numeric scenario key and every exchangeInfo and leverage-bracket
/// filter, run through the whole engine in-process: each run either completes or stops with an
/// input error, never traps. A trap ends the test process, so any overflow fails the suite.
@Suite struct ExtremeValueRunTests {
    static let t0 = Timestamp(iso8601: "2026-01-01T00:00:00Z")!

    /// Decimal values at and around the ends of the fixed-point range and of its 10⁻⁸ grid.
    static let decimals = [
        "92233720368.54775807", "92233720368", "46116860184.27387903", "10000000000", "1000000000", "3037000499.97605",
        "0.00000001", "0.00000002", "0", "-0.00000001", "-92233720368.54775807", "1", "0.5", "99999.99999999",
    ]
    /// Whole-number values for the integer fields.
    static let integers = ["9223372036854775807", "-9223372036854775808", "0", "-1", "1", "8", "9", "1000000"]

    /// A decimal: one of `decimals`, or a random value of random magnitude.
    static func decimal(_ random: inout SplitMix64, round: Int) -> String {
        if round < decimals.count { return decimals[round] }
        let raw = Int64(bitPattern: random.next()) >> (random.next() % 64)
        return Quantity(raw: random.next() % 3 == 0 ? raw : abs(raw | 1)).description
    }

    /// An integer: one of `integers`, or a random value of random magnitude.
    static func integer(_ random: inout SplitMix64, round: Int) -> String {
        if round < integers.count { return integers[round] }
        return String(Int64(bitPattern: random.next()) >> (random.next() % 64))
    }

    // MARK: The run

    /// 40 one-minute BTCUSDT bars: flat at 30 000, a dip to 29 500, a rise to 30 600, back.
    static let klines: String = {
        var bars: [(String, String, String, String)] = []
        for i in 0..<40 {
            switch i {
            case 10..<14: bars.append(("30000", "30010", "29500", "29600"))
            case 20..<24: bars.append(("30100", "30600", "30050", "30550"))
            default: bars.append(("30000", "30020", "29980", "30000"))
            }
        }
        return ScenarioWorkspace.klines(start: t0, bars)
    }()

    /// The signal fields and their ordinary values; numbers are JSON number text.
    static let signalFields: [(key: String, value: String, integer: Bool)] = [
        ("confidence", "0.8", false), ("price", "30000", false), ("quantity", "0.01", false),
        ("current_price", "30000", false), ("target_price", "30300", false), ("quote_quantity", "300", false),
        ("stop_loss", "29700", false), ("stop_loss_pct", "0.01", false), ("take_profit", "30300", false),
        ("take_profit_pct", "0.01", false), ("position_size_pct", "0.1", false), ("conditional_price", "29900", false),
        ("conditional_timeout", "3600", true), ("iceberg_quantity", "0.005", false), ("model_confidence", "0.9", false),
    ]

    /// One signal line; `override` replaces one numeric field's value (or adds it).
    static func signal(
        strategy: String, action: String, orderType: String, at seconds: Int64, fields: Set<String>,
        override: (key: String, value: String)? = nil
    ) -> String {
        var parts = [
            "\"strategy_id\":\"\(strategy)\"", "\"symbol\":\"BTCUSDT\"", "\"action\":\"\(action)\"",
            "\"source\":\"petrosa-cio\"", "\"strategy\":\"\(strategy)\"", "\"order_type\":\"\(orderType)\"",
            "\"timestamp\":\"\(t0.adding(seconds: seconds).iso8601)\"",
        ]
        for field in signalFields {
            let required = ["confidence", "price", "quantity", "current_price"].contains(field.key)
            if let override, override.key == field.key {
                parts.append("\"\(field.key)\":\(override.value)")
            } else if required || fields.contains(field.key) {
                parts.append("\"\(field.key)\":\(field.value)")
            }
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// Six signals of three strategies (market, limit and conditional entries, levels, a close);
    /// `override` goes into the third and the fifth.
    static func signals(_ random: inout SplitMix64, override: (key: String, value: String)?) -> String {
        let types = ["market", "limit", "stop", "take_profit", "market"]
        var lines = [
            signal(
                strategy: "A", action: "buy", orderType: "market", at: 10, fields: ["stop_loss", "take_profit"]),
            signal(
                strategy: "B", action: "sell", orderType: "limit", at: 70, fields: ["position_size_pct"]),
        ]
        let optional = Set(signalFields.map(\.key).filter { _ in random.next() % 3 == 0 })
        lines.append(
            signal(
                strategy: "C", action: random.pick(["buy", "sell"]), orderType: random.pick(types), at: 130,
                fields: optional, override: override))
        lines.append(
            signal(strategy: "B", action: "buy", orderType: "market", at: 250, fields: ["stop_loss_pct"]))
        lines.append(
            signal(
                strategy: "C", action: random.pick(["buy", "sell", "close"]), orderType: random.pick(types), at: 610,
                fields: optional, override: override))
        lines.append(signal(strategy: "A", action: "close", orderType: "market", at: 1500, fields: []))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The BTCUSDT exchangeInfo filters and symbol fields with their ordinary values.
    static let filterFields: [(key: String, value: String, integer: Bool)] = [
        ("minPrice", "402", false), ("maxPrice", "1246396.60", false), ("tickSize", "0.10", false),
        ("stepSize", "0.001", false), ("maxQty", "1000", false), ("minQty", "0.001", false),
        ("marketStepSize", "0.001", false), ("marketMaxQty", "1000", false), ("marketMinQty", "0.001", false),
        ("notional", "100", false), ("multiplierUp", "1.0500", false), ("multiplierDown", "0.9500", false),
        ("multiplierDecimal", "4", true), ("limit", "200", true), ("algoLimit", "10", true),
        ("pricePrecision", "2", true), ("quantityPrecision", "3", true), ("maintMarginPercent", "2.5000", false),
        ("requiredMarginPercent", "5.0000", false), ("triggerProtect", "0.0500", false),
        ("liquidationFee", "0.012000", false), ("marketTakeBound", "0.30", false),
    ]

    /// The leverage-bracket fields (of the first of three brackets) with their ordinary values.
    static let bracketFields: [(key: String, value: String, integer: Bool)] = [
        ("initialLeverage", "125", true), ("notionalCap", "50000", false), ("notionalFloor", "0", false),
        ("maintMarginRatio", "0.004", false), ("cum", "0.0", false),
        ("initialLeverage2", "100", true), ("notionalCap2", "600000", false), ("maintMarginRatio2", "0.005", false),
        ("cum2", "50.0", false),
    ]

    static func exchangeInfo(_ override: (key: String, value: String)?) -> String {
        var v: [String: String] = [:]
        for field in filterFields { v[field.key] = field.value }
        if let override { v[override.key] = override.value }
        func q(_ key: String) -> String { "\"\(v[key]!)\"" }
        return """
            {"timezone":"UTC","serverTime":1645233611962,"rateLimits":[],"exchangeFilters":[],"assets":[],"symbols":[
            {"symbol":"BTCUSDT","pair":"BTCUSDT","contractType":"PERPETUAL","status":"TRADING",
            "maintMarginPercent":\(q("maintMarginPercent")),"requiredMarginPercent":\(q("requiredMarginPercent")),
            "baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","pricePrecision":\(v["pricePrecision"]!),
            "quantityPrecision":\(v["quantityPrecision"]!),"baseAssetPrecision":8,"quotePrecision":8,
            "triggerProtect":\(q("triggerProtect")),"liquidationFee":\(q("liquidationFee")),
            "marketTakeBound":\(q("marketTakeBound")),"filters":[
            {"minPrice":\(q("minPrice")),"maxPrice":\(q("maxPrice")),"filterType":"PRICE_FILTER","tickSize":\(q("tickSize"))},
            {"stepSize":\(q("stepSize")),"filterType":"LOT_SIZE","maxQty":\(q("maxQty")),"minQty":\(q("minQty"))},
            {"stepSize":\(q("marketStepSize")),"filterType":"MARKET_LOT_SIZE","maxQty":\(q("marketMaxQty")),"minQty":\(q("marketMinQty"))},
            {"limit":\(v["limit"]!),"filterType":"MAX_NUM_ORDERS"},{"limit":\(v["algoLimit"]!),"filterType":"MAX_NUM_ALGO_ORDERS"},
            {"notional":\(q("notional")),"filterType":"MIN_NOTIONAL"},
            {"multiplierDown":\(q("multiplierDown")),"multiplierUp":\(q("multiplierUp")),"multiplierDecimal":\(q("multiplierDecimal")),"filterType":"PERCENT_PRICE"}],
            "orderTypes":["LIMIT","MARKET","STOP","STOP_MARKET","TAKE_PROFIT","TAKE_PROFIT_MARKET","TRAILING_STOP_MARKET"],
            "timeInForce":["GTC","IOC","FOK","GTX"]}]}
            """
    }

    static func brackets(_ override: (key: String, value: String)?) -> String {
        var v: [String: String] = [:]
        for field in bracketFields { v[field.key] = field.value }
        if let override { v[override.key] = override.value }
        return """
            [{"symbol":"BTCUSDT","brackets":[
            {"bracket":1,"initialLeverage":\(v["initialLeverage"]!),"notionalCap":\(v["notionalCap"]!),"notionalFloor":\(v["notionalFloor"]!),"maintMarginRatio":\(v["maintMarginRatio"]!),"cum":\(v["cum"]!)},
            {"bracket":2,"initialLeverage":\(v["initialLeverage2"]!),"notionalCap":\(v["notionalCap2"]!),"notionalFloor":\(v["notionalCap"]!),"maintMarginRatio":\(v["maintMarginRatio2"]!),"cum":\(v["cum2"]!)},
            {"bracket":3,"initialLeverage":75,"notionalCap":3000000,"notionalFloor":\(v["notionalCap2"]!),"maintMarginRatio":0.0065,"cum":950.0}]}]
            """
    }

    /// Writes a workspace and runs it; true when the run completed, false when it stopped with an
    /// error (an error is fine: only a trap fails).
    static func run(
        signals: String, filter: (key: String, value: String)? = nil, bracket: (key: String, value: String)? = nil,
        overrides: [String] = []
    ) -> Bool {
        result(signals: signals, filter: filter, bracket: bracket, overrides: overrides) != nil
    }

    /// Writes a workspace and runs it; nil when the run stopped with an error.
    static func result(
        signals: String, filter: (key: String, value: String)? = nil, bracket: (key: String, value: String)? = nil,
        overrides: [String] = []
    ) -> RunResult? {
        let ws = ScenarioWorkspace("extreme")
        defer { try? FileManager.default.removeItem(atPath: ws.path) }
        let klines = ws.write("BTCUSDT-1m.csv", klines)
        let signalFile = ws.write("signals.jsonl", signals)
        let rules = ws.write("exchange-info.json", exchangeInfo(filter))
        let bracketFile = ws.write("leverage-brackets.json", brackets(bracket))
        let file = ws.write(
            "s.yaml",
            """
            name: extreme
            data:
              interval: 1m
              klines: {BTCUSDT: \(klines)}
              symbol_rules: \(rules)
              leverage_brackets: \(bracketFile)
            signals: \(signalFile)
            account: {leverage: 20}

            """)
        do {
            return try ScenarioWorkspace.run(file, overrides: overrides)
        } catch {
            return nil
        }
    }

    /// The defects the property tests were written for, each once: before the checked sizing
    /// these trapped in `Money.quantity(at:)` (a balance share or MIN_NOTIONAL at a price of
    /// 10⁻⁸) or in the exchange's notional (a quantity whose notional leaves the range).
    static func decisions(signals: String, filter: (key: String, value: String)? = nil) -> [DecisionRecord]? {
        result(signals: signals, filter: filter)?.decisions
    }

    @Test func aBalanceShareAtATinyPriceIsASizingError() throws {
        let line = Self.signal(
            strategy: "C", action: "buy", orderType: "market", at: 130, fields: ["position_size_pct"],
            override: ("current_price", "0.00000001")
        ).replacingOccurrences(of: "\"position_size_pct\":0.1", with: "\"position_size_pct\":1")
        let decisions = try #require(Self.decisions(signals: line + "\n"))
        let decision = try #require(decisions.first)
        #expect(decision.stage == "sizing" && decision.status == "error")
        #expect(decision.reason == "Cannot calculate order amount (out of range at price 0.00000001)")
    }

    @Test func aMinimumNotionalAtATinyPriceIsASizingError() throws {
        let line = Self.signal(
            strategy: "C", action: "buy", orderType: "market", at: 130, fields: [],
            override: ("current_price", "0.00000001"))
        let decisions = try #require(Self.decisions(signals: line + "\n", filter: ("notional", "1000")))
        #expect(decisions.first?.reason == "Cannot calculate order amount (out of range at price 0.00000001)")
    }

    @Test func aQuantityBeyondTheNotionalRangeIsRefusedByTheExchange() throws {
        // maxQty 0 disables the lot size's upper bound: 9 × 10¹⁰ contracts at 30 000 reach the
        // exchange, whose notional and margin checks saturate instead of trapping.
        let line = Self.signal(
            strategy: "C", action: "buy", orderType: "market", at: 130, fields: [],
            override: ("quantity", "90000000000"))
        let decisions = try #require(
            Self.decisions(signals: line + "\n", filter: ("marketMaxQty", "0")))
        let decision = try #require(decisions.first)
        #expect(decision.stage == "exchange" && decision.status == "exchange_failed")
        #expect(decision.reason.contains("-2027"), "\(decision.reason)")
    }

    @Test func ordinaryValuesRunToTheEnd() {
        var random = SplitMix64(seed: 1)
        #expect(Self.run(signals: Self.signals(&random, override: nil)))
    }

    @Test func extremeSignalFieldsNeverTrap() {
        var random = SplitMix64(seed: 18)
        var completed = 0
        for field in Self.signalFields {
            for round in 0..<20 {
                let value =
                    field.integer
                    ? Self.integer(&random, round: round) : Self.decimal(&random, round: round)
                if Self.run(signals: Self.signals(&random, override: (field.key, value))) { completed += 1 }
            }
        }
        #expect(completed > 100)
    }

    @Test func extremeFiltersNeverTrap() {
        var random = SplitMix64(seed: 19)
        var completed = 0
        for field in Self.filterFields {
            for round in 0..<18 {
                let value =
                    field.integer
                    ? Self.integer(&random, round: round) : Self.decimal(&random, round: round)
                if Self.run(signals: Self.signals(&random, override: nil), filter: (field.key, value)) {
                    completed += 1
                }
            }
        }
        for field in Self.bracketFields {
            for round in 0..<18 {
                let value =
                    field.integer
                    ? Self.integer(&random, round: round) : Self.decimal(&random, round: round)
                if Self.run(signals: Self.signals(&random, override: nil), bracket: (field.key, value)) {
                    completed += 1
                }
            }
        }
        #expect(completed > 100)
    }

    /// The in-range ends of a numeric scenario key, then values outside it.
    static func keyValues(_ key: ScenarioKey, _ random: inout SplitMix64) -> [String] {
        switch key.kind {
        case .integer(let min, let max):
            return [String(min), String(max), String(max / 2), integer(&random, round: 0), integer(&random, round: 99)]
        case .decimal(let min, let max):
            return [min, max ?? "92233720368", max ?? "1000000000", decimal(&random, round: 99), "0.00000001"]
        case .duration:
            return ["3650d", "1ms", "0s", "1d", String(random.next() % 315_360_000) + "s"]
        case .leverage:
            return ["1", "125", "{BTCUSDT: 125}", String(random.next() % 125 + 1)]
        default:
            return []
        }
    }

    @Test func extremeScenarioKeysNeverTrap() {
        var random = SplitMix64(seed: 20)
        var completed = 0
        var tried = 0
        for key in ScenarioSchema.keys {
            for value in Self.keyValues(key, &random) {
                tried += 1
                // A large balance with high leverage and a signal that sizes from it.
                let overrides = ["\(key.path)=\(value)"]
                if Self.run(signals: Self.signals(&random, override: nil), overrides: overrides) { completed += 1 }
                let big = ["account.initial_balance=1000000000", "account.leverage=125"]
                let sized = Self.signals(&random, override: ("position_size_pct", "1"))
                if Self.run(signals: sized, overrides: big + overrides) { completed += 1 }
            }
        }
        #expect(tried > 100)
        #expect(completed > tried / 2)
    }

    @Test func extremeValuesTogetherNeverTrap() {
        var random = SplitMix64(seed: 21)
        var completed = 0
        for round in 0..<120 {
            let field = random.pick(Self.signalFields)
            let filter = random.pick(Self.filterFields)
            let bracket = random.pick(Self.bracketFields)
            var values: [String] = []
            for integer in [field.integer, filter.integer, bracket.integer] {
                values.append(
                    integer ? Self.integer(&random, round: 99) : Self.decimal(&random, round: round % 20))
            }
            let signals = Self.signals(&random, override: (field.key, values[0]))
            let overrides =
                random.next() % 2 == 0 ? ["account.initial_balance=1000000000", "account.leverage=125"] : []
            if Self.run(
                signals: signals, filter: (filter.key, values[1]), bracket: (bracket.key, values[2]),
                overrides: overrides)
            {
                completed += 1
            }
        }
        #expect(completed > 0)
    }
}
