import Backtest
import Feeds
import Foundation
import Market
import Results
import TestSupport
import Testing
import TradeEngine

@testable import Bench

@Suite struct BenchmarkWorkloadTests {
    /// A fresh folder under the temporary directory.
    static func folder(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "hedgesim-workload-\(name)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }

    static func write(_ workload: BenchmarkWorkload, _ name: String) throws -> BenchmarkFiles {
        try workload.write(to: folder(name), rulesDirectory: Fixtures.path("data/rules"), compressionLevel: 1)
    }

    static func variants(_ path: String, compare: Bool) throws -> [(label: String, scenario: Scenario)] {
        guard compare else { return [("bench", try ScenarioLoader.load(path: path))] }
        return try PipelineBenchmark.compareModes.map {
            ($0, try ScenarioLoader.load(path: path, overrides: ["engine.same_direction=\($0)"]))
        }
    }

    @Test func peerWorkloadSchedule() throws {
        let w = BenchmarkWorkload(bars: 1_000)
        let files = try Self.write(w, "peer")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        #expect(w.signalCount == 16)
        #expect(files.signalCount == 16)
        let lines = try LineReader(path: files.signals)
        var decoder = SignalDecoder()
        var n = 0
        while let line = try lines.next() {
            let signal = try decoder.decode(line.bytes, file: files.signals, line: line.number)
            // Every 60th bar, at its last millisecond; LONG first, then alternating.
            let bar = Int64(60 * (n + 1) - 1)
            #expect(signal.timestamp.timestamp.milliseconds == w.start.milliseconds + bar * 60_000 + 59_999)
            #expect(signal.action == (n % 2 == 0 ? .buy : .sell))
            #expect(signal.quantity == Fixtures.quantity("0.01"))
            #expect(signal.stopLossPct?.rate == Fixtures.rate("0.005"))
            #expect(signal.takeProfitPct?.rate == Fixtures.rate("0.005"))
            #expect(signal.confidence >= 0.6)
            #expect(signal.strategyMode == .deterministic)
            #expect(signal.source == "petrosa-cio")
            n += 1
        }
        #expect(n == 16)
    }

    @Test func klinesAreValidAndAroundTheCentre() throws {
        let w = BenchmarkWorkload(bars: 20_000, symbols: 2)
        let files = try Self.write(w, "klines")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        for path in files.klines {
            // The reader validates OHLC sanity, the close times and the interval.
            let series = try KlineReader.read(path).series
            #expect(series.count == 20_000)
            #expect(series.interval == .m1)
            for i in 0..<series.count {
                #expect(series.highs[i] >= max(series.opens[i], series.closes[i]))
                #expect(series.lows[i] <= min(series.opens[i], series.closes[i]))
            }
            let closes = series.closes.map { Double($0) / 1e8 }
            #expect(closes.min()! > 27_000 && closes.max()! < 33_000)
        }
        // Each symbol walks its own path.
        let a = try KlineReader.read(files.klines[0]).series.closes
        let b = try KlineReader.read(files.klines[1]).series.closes
        #expect(a != b)
    }

    @Test func filesAreByteIdenticalAcrossWrites() throws {
        let w = BenchmarkWorkload(bars: 3_000, symbols: 2, strategies: 3)
        let first = try Self.write(w, "same-a")
        let second = try Self.write(w, "same-b")
        defer {
            try? FileManager.default.removeItem(atPath: first.directory)
            try? FileManager.default.removeItem(atPath: second.directory)
        }
        for name in ["BTCUSDT-1m.csv.zst", "BTC2USDT-1m.csv.zst", "signals.jsonl.zst", "exchange-info.json"] {
            let a = FileManager.default.contents(atPath: first.directory + "/" + name)
            let b = FileManager.default.contents(atPath: second.directory + "/" + name)
            #expect(a != nil && a == b, "\(name)")
        }
    }

    @Test func rulesCopyBTCUSDTPerSymbol() throws {
        let files = try Self.write(BenchmarkWorkload(bars: 100, symbols: 3), "rules")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let rules = try ExchangeInfoReader.read(files.directory + "/exchange-info.json")
            .attaching(try LeverageBracketReader.read(files.directory + "/leverage-brackets.json"))
        #expect(rules.map(\.symbol.name) == ["BTCUSDT", "BTC2USDT", "BTC3USDT"])
        let original = try ExchangeInfoReader.read(Fixtures.path("data/rules/exchange-info.json"))
            .first { $0.symbol == "BTCUSDT" }!
        for r in rules {
            #expect(r.tickSize == original.tickSize)
            #expect(r.stepSize == original.stepSize)
            #expect(r.minNotional == original.minNotional)
            #expect(!r.brackets.isEmpty)
        }
    }

    /// The peer workload passes every gate: every signal is executed and every entry's
    /// protection fills (two fills per signal, the last position may still be open).
    @Test func everyEntryExecutes() throws {
        let files = try Self.write(BenchmarkWorkload(bars: 6_000, symbols: 2), "executes")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let scenario = try ScenarioLoader.load(path: files.scenario)
        let data = try ScenarioData.load(scenario)
        let run = try Simulation.run(scenario, data: data, label: "bench")
        #expect(run.decisions.count == files.signalCount)
        #expect(run.decisions.allSatisfy { $0.status == "executed" })
        // An entry signalled on the last bar has no next open to fill at.
        #expect(run.strategyPositions.count >= files.signalCount - 2)
        let closed = run.strategyPositions.count { $0.status == .closed }
        #expect(run.fills.count == run.strategyPositions.count + closed)
        #expect(run.strategyPositions.count - closed <= 10)
        #expect(run.strategyPositions.filter { $0.closeReason == .takeProfit }.count > 10)
        #expect(run.strategyPositions.filter { $0.closeReason == .stopLoss }.count > 10)
    }

    /// Several strategies signal in bursts on one symbol, so the three same-direction modes
    /// decide differently; the digests are stable across runs.
    @Test func compareModesDifferAndRepeat() throws {
        let files = try Self.write(BenchmarkWorkload(bars: 20_000, symbols: 2, strategies: 5), "compare")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let variants = try Self.variants(files.scenario, compare: true)
        let data = try ScenarioData.load(variants[0].scenario)
        let first = try Simulation.runAll(variants, data: data)
        let second = try Simulation.runAll(variants, data: data)
        #expect(first.map(\.resultDigest) == second.map(\.resultDigest))
        let executed = first.map { run in run.decisions.count { $0.status == "executed" } }
        #expect(executed[0] == files.signalCount)
        #expect(executed[1] < executed[0])
        #expect(executed[2] < executed[1])
        #expect(Set(first.map(\.resultDigest)).count == 3)
    }

    /// Pins the result digests of a small workload: an optimisation must not change what the
    /// engine computes. (A deliberate behaviour change updates these values.)
    @Test func resultDigestsArePinned() throws {
        let files = try Self.write(BenchmarkWorkload(bars: 20_000, symbols: 2, strategies: 3), "pinned")
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let variants = try Self.variants(files.scenario, compare: true)
        let runs = try Simulation.runAll(variants, data: try ScenarioData.load(variants[0].scenario))
        // The temporary folder differs from run to run: the digests must not depend on it.
        #expect(runs.map(\.resultDigest) == Self.pinnedDigests)
        #expect(runs.map { $0.computeDigest() } == Self.pinnedDigests)
    }

    /// The same files in two folders (as the same project run from another working folder): the
    /// stored paths differ, the digests do not.
    @Test func digestsDoNotDependOnTheFolder() throws {
        let workload = BenchmarkWorkload(bars: 3_000, symbols: 1, strategies: 1)
        let one = try Self.write(workload, "folder-a")
        let two = try Self.write(workload, "folder-b")
        defer {
            try? FileManager.default.removeItem(atPath: one.directory)
            try? FileManager.default.removeItem(atPath: two.directory)
        }
        let a = try Self.variants(one.scenario, compare: false)
        let b = try Self.variants(two.scenario, compare: false)
        let ra = try Simulation.run(a[0].scenario, data: try ScenarioData.load(a[0].scenario), label: "a")
        let rb = try Simulation.run(b[0].scenario, data: try ScenarioData.load(b[0].scenario), label: "b")
        #expect(ra.header.settingsJSON != rb.header.settingsJSON)
        #expect(ra.decisions.first?.file != rb.decisions.first?.file)
        #expect(ra.resultDigest == rb.resultDigest)
        #expect(ra.dataDigest == rb.dataDigest)
    }

    static let pinnedDigests = [
        "cda5881c33f4fef062d1b2845840ec82f5ec4275b7f43f939df94323b22a75fe",
        "ba27a11d12993b3ddc3a9ec6acf3f3c90c57bed3d82f165d92261b77c763c894",
        "e4b064e74a260dac78b9d0ec1a1e0af01b942f4b39949c736904bf3102713542",
    ]

    @Test func presetAndCounts() {
        let y = BenchmarkWorkload.year10
        #expect(y.totalBars == 5_256_000)
        #expect(y.symbolNames.count == 10)
        #expect(y.signalCount == 87_600)
        #expect(BenchmarkWorkload(bars: 1_000_000).signalCount == 16_666)
        #expect(BenchmarkWorkload(bars: 1).validationMessage() != nil)
        #expect(BenchmarkWorkload(symbols: 0).validationMessage() != nil)
        #expect(BenchmarkWorkload(signalEvery: 0).validationMessage() != nil)
        #expect(BenchmarkWorkload().validationMessage() == nil)
    }
}
