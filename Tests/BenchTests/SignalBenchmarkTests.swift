import Testing
import TradeEngine

@testable import Bench

@Suite struct SignalBenchmarkTests {
    @Test func workloadIsDeterministicAndFullyDecided() {
        let first = SignalBenchmark(signals: 3000, symbols: 4, strategies: 6)
        let second = SignalBenchmark(signals: 3000, symbols: 4, strategies: 6)
        #expect(first.text == second.text)
        #expect(first.decodeAll() == 3000)
        let counts = first.decideAll()
        #expect(counts.byStatus.reduce(0, +) == 3000)
        #expect(counts.byStage.reduce(0, +) == 3000)
        #expect(counts == second.decideAll())
        #expect(counts.statusSummary.contains("executed"))
    }

    @Test func printout() {
        var report = SignalBenchmarkReport(signals: 2_000_000, bytes: 700_000_000)
        report.decodeRuns = [.milliseconds(400), .milliseconds(500), .milliseconds(1000)]
        var counts = DecisionCounts()
        counts.byStatus[0] = 3
        report.counts = counts
        let settings = SignalSettings(positionMode: .oneWay, sameDirection: .strongestWins)
        #expect(
            report.lines(symbols: 20, strategies: 50, settings: settings) == [
                "workload: 2000000 signals, 20 symbols, 50 strategies, 700 MB of JSONL; strongest_wins, one_way",
                "decode:   4.00 M lines/s (median of 3: 400 ms, 500 ms, 1000 ms)",
            ])
        report.decideRuns = [.seconds(4)]
        let lines = report.lines(symbols: 20, strategies: 50, settings: settings)
        #expect(lines[2] == "decide:   0.50 M decisions/s (median of 1: 4000 ms)")
        #expect(lines[3] == "statuses: executed 3")
        #expect(lines.count == 5)
    }
}
