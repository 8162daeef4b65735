import Bench
import Foundation
import Market
import Results
import TestSupport
import Testing

@testable import Backtest

/// A one-symbol run hands stretches of quiet bars to the exchange in one call
/// (`SimulatedExchange.advanceQuietBars`); an `afterBar` hook turns that off. Both ways give the
/// same result: positions protected by their stops, liquidated in isolated and in cross margin.
@Suite struct QuietRunTests {
    static let accounts: [[String]] = [
        [],
        ["account.margin_mode=isolated", "account.leverage=125"],
        ["account.initial_balance=2.6", "account.leverage=125"],
        ["account.initial_balance=40", "account.leverage=50", "exchange.price_path=pessimistic"],
    ]

    @Test(arguments: accounts.indices)
    func quietRunsChangeNoResult(_ k: Int) throws {
        let folder = NSTemporaryDirectory() + "hedgesim-quiet-\(k)-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try BenchmarkWorkload(bars: 30_000).write(
            to: folder, rulesDirectory: Fixtures.path("data/rules"), compressionLevel: 1)
        let scenario = try ScenarioLoader.load(path: files.scenario, overrides: Self.accounts[k])
        let data = try ScenarioData.load(scenario)
        let quiet = try Simulation.run(scenario, data: data, label: "quiet", progress: nil, afterBar: nil)
        let barByBar = try Simulation.run(
            scenario, data: data, label: "bar by bar", progress: nil, afterBar: { _, _, _ in })
        #expect(quiet.resultDigest == barByBar.resultDigest)
        // The cross account of case 2 is liquidated on its first position and cannot trade again.
        #expect(quiet.fills.count > (k == 2 ? 1 : 100))
        if k == 1 || k == 2 { #expect(quiet.fills.contains { $0.fill.isLiquidation }) }
    }
}
