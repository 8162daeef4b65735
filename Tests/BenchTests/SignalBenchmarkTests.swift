import Bench
import Testing
import TradeEngine

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
}
