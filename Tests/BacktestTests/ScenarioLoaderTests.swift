import Exchange
import Foundation
import Market
import Results
import Testing
import TradeEngine

@testable import Backtest

/// A temporary folder with empty data files a scenario can name.
struct ScenarioFolder {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory.path
            + "/hedgesim-scenario-\(ProcessInfo.processInfo.globallyUniqueString)"
        try! FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        for name in ["a.csv", "b.csv", "rules.json", "s.jsonl", "f.csv"] {
            _ = FileManager.default.createFile(atPath: path + "/data/" + name, contents: Data())
        }
    }

    func write(_ text: String, name: String = "s.yaml") -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    static let minimal = """
        name: t
        data:
          interval: 1m
          klines: {AVAXUSDT: data/a.csv, DOTUSDT: data/b.csv}
          symbol_rules: data/rules.json
        signals: data/s.jsonl

        """
}

@Suite struct ScenarioLoaderTests {
    func load(_ text: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        let folder = ScenarioFolder()
        return try ScenarioLoader.load(path: folder.write(text), overrides: overrides)
    }

    func expectError(_ text: String, overrides: [String] = [], _ check: (ScenarioError) -> Void) {
        let folder = ScenarioFolder()
        let file = folder.write(text)
        do {
            _ = try ScenarioLoader.load(path: file, overrides: overrides)
            Issue.record("expected an error")
        } catch {
            check(error)
        }
    }

    @Test func minimalScenarioGetsEveryDefault() throws {
        let s = try load(ScenarioFolder.minimal)
        #expect(s.name == "t")
        #expect(s.symbols == ["AVAXUSDT", "DOTUSDT"])
        #expect(s.data.klines[0].path.hasSuffix("/data/a.csv"))
        #expect(s.account.initialBalance == 10_000)
        #expect(s.account.leverage == 10)
        #expect(s.exchange.takerFee == Rate("0.0005")!)
        #expect(s.exchange.pricePath == .adaptive)
        #expect(s.engine.sameDirection == .accumulate)
        #expect(s.engine.reentryCooldownMilliseconds == 300_000)
        #expect(s.protection == .perStrategy)
        #expect(s.report.path.hasSuffix("reports/t.sqlite"))
        #expect(s.report.equityIntervalMilliseconds == 3_600_000)
        #expect(s.report.indexes == .minimal)
    }

    @Test func everySectionParses() throws {
        let s = try load(
            ScenarioFolder.minimal + """
                account: {initial_balance: 2500.5, leverage: {AVAXUSDT: 20}, margin_mode: isolated}
                exchange: {maker_fee: 0.0001, taker_fee: 0.0004, slippage_bps: 2, price_path: pessimistic, fill_reference: signal_price, latency: 250ms}
                engine: {position_mode: one_way, same_direction: strongest_wins, signal_ttl: 30m, require_source: petrosa-cio, allowed_symbols: [AVAXUSDT]}
                protection: live_compat
                report: {path: out/r.sqlite, equity_interval: 15m, indexes: live}
                """)
        #expect(s.account.initialBalance == Money("2500.5")!)
        #expect(s.leverage(for: "AVAXUSDT") == 20)
        #expect(s.leverage(for: "DOTUSDT") == 10)
        #expect(s.marginMode(for: "DOTUSDT") == .isolated)
        #expect(s.exchange.makerFee == Rate("0.0001")!)
        #expect(s.exchange.pricePath == .pessimistic)
        #expect(s.exchange.fillReference == .signalPrice)
        #expect(s.exchange.latencyMilliseconds == 250)
        #expect(s.engine.positionMode == .oneWay)
        #expect(s.engine.signalTTLMilliseconds == 1_800_000)
        #expect(s.engine.requireSource == "petrosa-cio")
        #expect(s.engine.allowedSymbols == ["AVAXUSDT"])
        #expect(s.protection == .liveCompat)
        #expect(s.report.path.hasSuffix("/out/r.sqlite"))
        #expect(s.report.equityIntervalMilliseconds == 900_000)
        #expect(s.report.indexes == .live)
    }

    @Test func unknownKeySuggestsTheClosestName() {
        expectError(ScenarioFolder.minimal + "exchange:\n  taker_fe: 0.0004\n") { error in
            #expect(
                error.description.hasSuffix(
                    "s.yaml:8: unknown key `exchange.taker_fe`; did you mean `exchange.taker_fee`?"))
            #expect(error.kind == .invalid)
        }
        expectError(ScenarioFolder.minimal + "protecton: live_compat\n") { error in
            #expect(error.description.hasSuffix("s.yaml:7: unknown key `protecton`; did you mean `protection`?"))
        }
    }

    @Test func wrongTypeNamesKeyValueAndLine() {
        expectError(ScenarioFolder.minimal + "account:\n  leverage: ten\n") { error in
            #expect(error.description.hasSuffix("s.yaml:8: `account.leverage` must be an integer (ten)"))
        }
        expectError(ScenarioFolder.minimal + "exchange:\n  bnb_fee_discount: maybe\n") { error in
            #expect(error.description.hasSuffix("s.yaml:8: `exchange.bnb_fee_discount` must be true or false (maybe)"))
        }
    }

    @Test func negativeFeeIsARangeError() {
        expectError(ScenarioFolder.minimal + "exchange:\n  taker_fee: -0.0005\n") { error in
            #expect(error.description.hasSuffix("s.yaml:8: `exchange.taker_fee` must be between 0 and 0.01 (-0.0005)"))
        }
    }

    @Test func endBeforeStart() {
        let text = ScenarioFolder.minimal.replacingOccurrences(
            of: "  interval: 1m\n", with: "  interval: 1m\n  start: 2026-02-10T00:00:00Z\n  end: 2026-02-01T00:00:00Z\n"
        )
        expectError(text) { error in
            #expect(
                error.description.hasSuffix(
                    "s.yaml:5: `data.end` is before `data.start` (2026-02-01T00:00:00.000Z < 2026-02-10T00:00:00.000Z)")
            )
        }
    }

    @Test func missingFilesAreExit66Errors() {
        expectError(ScenarioFolder.minimal.replacingOccurrences(of: "data/b.csv", with: "data/nope.csv")) { error in
            #expect(error.kind == .missingFile)
            #expect(error.description.contains("s.yaml:4: `data.klines.DOTUSDT`: no such file ("))
        }
        do {
            _ = try ScenarioLoader.load(path: "/nonexistent/x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .missingFile)
            #expect(error.description == "/nonexistent/x.yaml: no such file")
        }
    }

    @Test func badChoiceSuggests() {
        expectError(ScenarioFolder.minimal + "engine:\n  same_direction: strongest_win\n") { error in
            #expect(
                error.description.hasSuffix(
                    "s.yaml:8: `engine.same_direction` must be one of accumulate, strongest_wins, reject_duplicates; did you mean `strongest_wins`? (strongest_win)"
                ))
        }
    }

    @Test func everyChoiceParsesToTheEnginesOwnValue() throws {
        let s = try load(
            ScenarioFolder.minimal,
            overrides: [
                "exchange.price_path=olhc", "exchange.fill_reference=bar_close", "engine.position_mode=one_way",
                "engine.same_direction=strongest_wins", "engine.protection_working_type=contract_price",
                "engine.live_oco_outcome=both_legs_gone", "protection=live_compat",
                "account.margin_mode.DOTUSDT=isolated",
            ])
        #expect(s.exchange.pricePath == PricePathPolicy.olhc)
        #expect(s.exchange.fillReference == MarketFillReference.barClose)
        #expect(s.engine.positionMode == SignalSettings.PositionMode.oneWay)
        #expect(s.engine.sameDirection == SignalSettings.SameDirectionPolicy.strongestWins)
        #expect(s.engine.protectionWorkingType == WorkingType.contractPrice)
        #expect(s.engine.liveOcoOutcome == LiveOcoOutcome.bothLegsGone)
        #expect(s.protection == ProtectionModel.liveCompat)
        #expect(s.marginMode(for: "DOTUSDT") == .isolated)
        #expect(s.marginMode(for: "AVAXUSDT") == .cross)
        // The typed values reach the engine and the exchange unchanged.
        let exchange = Simulation.exchangeConfiguration(s)
        #expect(exchange.pricePath == .olhc && exchange.fillReference == .barClose)
        let signals = Simulation.signalSettings(s)
        #expect(signals.positionMode == .oneWay && signals.sameDirection == .strongestWins)
        let dispatch = Simulation.dispatchSettings(s)
        #expect(dispatch.protection == .liveCompat && dispatch.liveOcoOutcome == .bothLegsGone)
        #expect(dispatch.protectionWorkingType == .contractPrice)
    }

    @Test func choiceErrorsListTheScenarioSpellings() {
        expectError(ScenarioFolder.minimal + "engine:\n  protection_working_type: MARK_PRICE\n") { error in
            #expect(
                error.description.hasSuffix(
                    "s.yaml:8: `engine.protection_working_type` must be one of mark_price, contract_price; did you mean `mark_price`? (MARK_PRICE)"
                ))
        }
        expectError(ScenarioFolder.minimal, overrides: ["exchange.fill_reference=nextOpen"]) { error in
            #expect(
                error.description
                    == "--set: `exchange.fill_reference` must be one of next_open, signal_price, bar_close; did you mean `next_open`? (nextOpen)"
            )
        }
        expectError(ScenarioFolder.minimal + "account:\n  margin_mode: {AVAXUSDT: crossed}\n") { error in
            #expect(
                error.description.hasSuffix(
                    "s.yaml:8: `account.margin_mode.AVAXUSDT` must be one of cross, isolated; did you mean `cross`? (crossed)"
                ))
        }
        expectError(ScenarioFolder.minimal, overrides: ["report.indexes=minimum"]) { error in
            #expect(
                error.description
                    == "--set: `report.indexes` must be one of minimal, live; did you mean `minimal`? (minimum)")
        }
    }

    /// The settings JSON the report stores and the result digest hashes, byte for byte.
    @Test func settingsJSONIsPinned() throws {
        let s = try load(
            ScenarioFolder.minimal,
            overrides: [
                "engine.same_direction=reject_duplicates", "account.margin_mode.DOTUSDT=isolated",
                "exchange.fill_reference=signal_price",
            ])
        let expected =
            #"{"account.initial_balance":10000,"account.leverage":10,"#
            + #""account.margin_mode":{"default":"cross","DOTUSDT":"isolated"},"data.detail_klines":{},"#
            + #""data.end":null,"data.funding":{},"data.interval":"1m","#
            + #""data.klines":{"AVAXUSDT":"a.csv","DOTUSDT":"b.csv"},"data.leverage_brackets":null,"#
            + #""data.mark_klines":{},"data.start":null,"data.symbol_rules":"rules.json","#
            + #""engine.allowed_symbols":[],"engine.deterministic_threshold":0.6,"#
            + #""engine.duplicate_window_ms":10000,"engine.live_oco_outcome":"owner_closed","#
            + #""engine.llm_size_cap":0.8,"engine.llm_threshold":0.7,"engine.max_accumulations":10,"#
            + #""engine.max_daily_loss_pct":0.05,"engine.max_leverage_bound":125,"#
            + #""engine.max_portfolio_exposure_pct":0.8,"engine.max_position_size":10000,"#
            + #""engine.max_position_size_pct":0.1,"engine.ml_threshold":0.5,"#
            + #""engine.portfolio_leverage_cap":0,"engine.position_mode":"hedge","#
            + #""engine.position_mode_aware_conflicts":true,"engine.protection_working_type":"MARK_PRICE","#
            + #""engine.reconciler_delay_ms":300000,"engine.reconciler_interval_ms":60000,"#
            + #""engine.reentry_cooldown_ms":300000,"engine.require_source":null,"engine.risk_management":true,"#
            + #""engine.same_direction":"reject_duplicates","engine.signal_ttl_ms":3600000,"#
            + #""exchange.bnb_fee_discount":false,"exchange.close_side_min_notional_exempt":true,"#
            + #""exchange.fill_reference":"signal_price","exchange.latency_ms":0,"#
            + #""exchange.limit_fill_on_touch":false,"exchange.maker_fee":0.0002,"#
            + #""exchange.max_conditional_orders":200,"exchange.price_path":"adaptive","#
            + #""exchange.slippage_bps":0,"exchange.slippage_ticks":0,"exchange.taker_fee":0.0005,"name":"t","#
            + #""protection":"per_strategy","report.equity_interval_ms":3600000,"signals":["s.jsonl"]}"#
        #expect(s.portableSettingsJSON == expected)
    }

    @Test func missingRequiredKeys() {
        expectError("name: x\n") { error in
            #expect(error.description.hasSuffix("s.yaml:1: missing required key `data`"))
        }
    }

    @Test func invalidYAMLNamesTheLine() {
        expectError("name: [x\ndata: {") { error in
            #expect(error.description.contains("s.yaml:"))
            #expect(error.description.contains("invalid YAML"))
        }
    }

    @Test func overridesReplaceAndAddKeys() throws {
        let s = try load(
            ScenarioFolder.minimal,
            overrides: [
                "exchange.taker_fee=0.0004", "engine.same_direction=reject_duplicates", "account.leverage.AVAXUSDT=5",
            ])
        #expect(s.exchange.takerFee == Rate("0.0004")!)
        #expect(s.engine.sameDirection == .rejectDuplicates)
        #expect(s.leverage(for: "AVAXUSDT") == 5)
    }

    @Test func badOverridesAreUsageErrors() {
        expectError(ScenarioFolder.minimal, overrides: ["exchange.taker_fe=1"]) { error in
            #expect(error.kind == .usage)
            #expect(
                error.description
                    == "--set: unknown key `exchange.taker_fe`; did you mean `exchange.taker_fee`? (exchange.taker_fe=1)"
            )
        }
        expectError(ScenarioFolder.minimal, overrides: ["nonsense"]) { error in
            #expect(error.description == "--set: expected path=value (nonsense)")
        }
        expectError(ScenarioFolder.minimal, overrides: ["exchange.taker_fee=-1"]) { error in
            #expect(error.description == "--set: `exchange.taker_fee` must be between 0 and 0.01 (-1)")
        }
    }

    @Test func durationsParse() {
        #expect(ReaderDurations.parse("250ms") == 250)
        #expect(ReaderDurations.parse("10s") == 10_000)
        #expect(ReaderDurations.parse("5m") == 300_000)
        #expect(ReaderDurations.parse("1h") == 3_600_000)
        #expect(ReaderDurations.parse("300") == 300_000)
        #expect(ReaderDurations.parse("5x") == nil)
    }

    @Test func schemaCoversEveryKeyOnce() {
        let paths = ScenarioSchema.keys.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(ScenarioSchema.children(of: "data").contains("klines"))
    }
}
