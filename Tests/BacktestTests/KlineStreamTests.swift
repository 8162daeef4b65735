import Bench
import Exchange
import Feeds
import Foundation
import Market
import Results
import TestSupport
import Testing

@testable import Backtest

/// A streamed run (`ScenarioData.load(_:streaming:)`: the klines decoded once into temporary
/// files, read a window at a time) gives exactly the results of a run on klines loaded whole: the
/// same result digest, price bars and equity samples, with the pages behind the simulation handed
/// back.
@Suite struct KlineStreamTests {
    /// Scenarios (path, overrides) that stream: four symbols, a sub-range, `live_compat`, a
    /// liquidation, another fill reference.
    static let cases: [(String, [String])] = [
        ("scenarios/quickstart.yaml", []),
        ("scenarios/quickstart.yaml", ["data.start=2026-02-10T00:00:00Z", "data.end=2026-02-20T12:00:00Z"]),
        ("scenarios/quickstart.yaml", ["exchange.fill_reference=signal_price", "report.equity_interval=15m"]),
        ("scenarios/live-compat.yaml", []),
        ("scenarios/liquidation-fil.yaml", []),
    ]

    @Test(arguments: cases.indices)
    func streamedEqualsLoaded(_ k: Int) throws {
        let (path, overrides) = Self.cases[k]
        let scenario = try ScenarioLoader.load(path: Fixtures.path(path), overrides: overrides)
        let loaded = try ScenarioData.load(scenario)
        let streamed = try ScenarioData.load(scenario, streaming: true)
        #expect(loaded.streamed == nil)
        #expect(streamed.streamed?.count == loaded.markets.count)
        #expect(streamed.markets.allSatisfy { $0.klines.isEmpty })
        #expect(streamed.barCount == loaded.barCount)
        #expect(streamed.counts == loaded.counts)
        #expect(streamed.signals.map(\.sequence) == loaded.signals.map(\.sequence))
        #expect(streamed.skipped.map(\.signal.sequence) == loaded.skipped.map(\.signal.sequence))
        #expect(streamed.digest == loaded.digest)
        let whole = try Simulation.run(scenario, data: loaded, label: "x")
        // A small window and one bar kept behind: the window moves often and pages are handed back.
        let small = try Simulation.run(
            scenario, data: streamed, label: "x", progress: nil, afterBar: nil, streamWindow: 700)
        let plain = try Simulation.run(scenario, data: streamed, label: "x")
        #expect(!whole.resultDigest.isEmpty)
        #expect(small.resultDigest == whole.resultDigest)
        #expect(plain.resultDigest == whole.resultDigest)
        #expect(small.priceBars == whole.priceBars)
        #expect(small.equity.count == whole.equity.count)
        #expect(small.bars == whole.bars)
    }

    /// One symbol (the quiet-bar runs stop at the end of the window) and two.
    @Test(arguments: [1, 2])
    func generatedWorkload(_ symbols: Int) throws {
        let folder =
            NSTemporaryDirectory() + "hedgesim-stream-\(symbols)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try BenchmarkWorkload(bars: 30_000, symbols: symbols, strategies: 2).write(
            to: folder, rulesDirectory: Fixtures.path("data/rules"), compressionLevel: 1)
        let scenario = try ScenarioLoader.load(path: files.scenario)
        let whole = try Simulation.run(scenario, data: try ScenarioData.load(scenario), label: "x")
        let streamed = try ScenarioData.load(scenario, streaming: true)
        #expect(streamed.streamed?.count == symbols)
        let small = try Simulation.run(
            scenario, data: streamed, label: "x", progress: nil, afterBar: nil, streamWindow: 700)
        #expect(small.resultDigest == whole.resultDigest)
        #expect(small.fills.count > 100)
    }

    /// Funding streams (its marks are looked up in the decoded bars before the run): the same
    /// results as loaded whole, funding paid.
    @Test(arguments: [[], ["data.start=2021-11-10T03:00:00Z", "data.end=2021-11-20T15:59:00Z"]])
    func fundingStreams(_ overrides: [String]) throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.path("scenarios/funding-xrp.yaml"), overrides: overrides)
        #expect(ScenarioData.canStream(scenario))
        let loaded = try ScenarioData.load(scenario)
        let streamed = try ScenarioData.load(scenario, streaming: true)
        #expect(streamed.streamed?.count == 1)
        #expect(streamed.barCount == loaded.barCount)
        let whole = try Simulation.run(scenario, data: loaded, label: "x")
        let small = try Simulation.run(
            scenario, data: streamed, label: "x", progress: nil, afterBar: nil, streamWindow: 700)
        #expect(whole.funding.count > 10)
        #expect(small.funding == whole.funding)
        #expect(small.resultDigest == whole.resultDigest)
        #expect(small.finalWallet == whole.finalWallet)
    }

    /// Mark klines stream: matched to the bars while they are spilled, with the funding marks
    /// looked up in the mark bars. The mark file lacks every 7th bar and the bars of every other
    /// funding time (so a settlement's mark comes from a later mark bar, not the bar at its time)
    /// and its prices are 0.0007 above the klines'. The same results as loaded whole, and not
    /// those of the scenario without the marks.
    @Test(arguments: [[], ["data.start=2021-11-10T03:00:00Z", "data.end=2021-11-20T15:59:00Z"]])
    func markKlinesStream(_ overrides: [String]) throws {
        var scenario = try ScenarioLoader.load(path: Fixtures.path("scenarios/funding-xrp.yaml"), overrides: overrides)
        let folder = NSTemporaryDirectory() + "hedgesim-marks-\(ProcessInfo.processInfo.processIdentifier)-\(UUID())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let marks = folder + "/marks.csv"
        let bars = try KlineReader.read(scenario.data.klines[0].path).series
        var text = ""
        let eightHours: Int64 = 8 * 3_600_000
        for i in 0..<bars.count where i % 7 != 3 {
            let time = bars.openTimes[i]
            if time % eightHours == 0 && (time / eightHours) % 2 == 0 { continue }
            let prices = [bars.opens[i], bars.highs[i], bars.lows[i], bars.closes[i]].map {
                Price(raw: $0 + 70_000).description
            }
            text += "\(time),\(prices.joined(separator: ",")),0,\(time + 299_999),0,0,0,0,0\n"
        }
        try text.write(toFile: marks, atomically: true, encoding: .utf8)
        let plainScenario = scenario
        scenario.data.markKlines = [Scenario.SymbolFile(symbol: "XRPUSDT", path: marks)]
        #expect(ScenarioData.canStream(scenario))
        let loaded = try ScenarioData.load(scenario)
        let streamed = try ScenarioData.load(scenario, streaming: true)
        #expect(loaded.markets[0].markKlines != nil)
        #expect(streamed.markets[0].markKlines == nil)
        #expect(streamed.streamed?[0].marks?.count == streamed.streamed?[0].count)
        #expect(streamed.streamed?[0].fundingMarks?.count == loaded.markets[0].funding.count)
        let whole = try Simulation.run(scenario, data: loaded, label: "x")
        let small = try Simulation.run(
            scenario, data: streamed, label: "x", progress: nil, afterBar: nil, streamWindow: 700)
        #expect(whole.funding.count > 10)
        #expect(small.funding == whole.funding)
        #expect(small.finalEquity == whole.finalEquity)
        #expect(small.resultDigest == whole.resultDigest)
        let plain = try Simulation.run(plainScenario, data: try ScenarioData.load(plainScenario), label: "x")
        #expect(plain.funding.map(\.payment.markPrice) != whole.funding.map(\.payment.markPrice))
        #expect(plain.resultDigest != whole.resultDigest)
    }
}
