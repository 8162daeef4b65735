import Bench
import Exchange
import Testing

@Suite struct ExchangeBenchmarkTests {
    @Test func runsTheWorkloadDeterministically() throws {
        let benchmark = ExchangeBenchmark(symbols: 2, ordersPerSymbol: 10, bars: 3000, runs: 2)
        let first = try benchmark.run()
        #expect(first.barSteps == 2 * 2999)
        #expect(first.seconds.count == 2)
        #expect(first.fills > 10)
        #expect(try benchmark.run().fills == first.fills)
        #expect(first.medianRate > 0)
    }

    @Test func rejectsParametersOutOfRange() {
        #expect(throws: ExchangeSetupError.self) { try ExchangeBenchmark(symbols: 0).run() }
        #expect(throws: ExchangeSetupError.self) { try ExchangeBenchmark(bars: 1).run() }
    }
}
