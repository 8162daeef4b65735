import Foundation
import Market
import Results
import Testing

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
        #expect(s.engine.sameDirection == "accumulate")
        #expect(s.engine.reentryCooldownMilliseconds == 300_000)
        #expect(s.protection == .perStrategy)
        #expect(s.report.path.hasSuffix("reports/t.sqlite"))
        #expect(s.report.equityIntervalMilliseconds == 3_600_000)
    }

    @Test func everySectionParses() throws {
        let s = try load(
            ScenarioFolder.minimal + """
                account: {initial_balance: 2500.5, leverage: {AVAXUSDT: 20}, margin_mode: isolated}
                exchange: {maker_fee: 0.0001, taker_fee: 0.0004, slippage_bps: 2, price_path: pessimistic, fill_reference: signal_price, latency: 250ms}
                engine: {position_mode: one_way, same_direction: strongest_wins, signal_ttl: 30m, require_source: petrosa-cio, allowed_symbols: [AVAXUSDT]}
                protection: live_compat
                report: {path: out/r.sqlite, equity_interval: 15m}
                """)
        #expect(s.account.initialBalance == Money("2500.5")!)
        #expect(s.leverage(for: "AVAXUSDT") == 20)
        #expect(s.leverage(for: "DOTUSDT") == 10)
        #expect(s.marginMode(for: "DOTUSDT") == .isolated)
        #expect(s.exchange.makerFee == Rate("0.0001")!)
        #expect(s.exchange.pricePath == .pessimistic)
        #expect(s.exchange.fillReference == .signalPrice)
        #expect(s.exchange.latencyMilliseconds == 250)
        #expect(s.engine.positionMode == "one_way")
        #expect(s.engine.signalTTLMilliseconds == 1_800_000)
        #expect(s.engine.requireSource == "petrosa-cio")
        #expect(s.engine.allowedSymbols == ["AVAXUSDT"])
        #expect(s.protection == .liveCompat)
        #expect(s.report.path.hasSuffix("/out/r.sqlite"))
        #expect(s.report.equityIntervalMilliseconds == 900_000)
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
        #expect(s.engine.sameDirection == "reject_duplicates")
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
