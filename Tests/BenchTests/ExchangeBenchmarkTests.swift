import Exchange
import Testing

@testable import Bench

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

    @Test func printout() {
        let benchmark = ExchangeBenchmark(symbols: 2, ordersPerSymbol: 10, bars: 3000, runs: 2)
        let report = ExchangeBenchmark.Report(barSteps: 5998, seconds: [0.002, 0.004], fills: 42)
        #expect(
            benchmark.lines(report) == [
                "exchange: 2 symbols × 3000 bars, 10 resting conditional orders per symbol",
                "  run 1: 2.0 ms, 3.0 M bar-steps/s",
                "  run 2: 4.0 ms, 1.5 M bar-steps/s",
                "  median: 2.25 M bar-steps/s (5998 bar-steps, 42 fills per run)",
            ])
    }
}
