import ArgumentParser
import Exchange

/// `hedgesim bench exchange`: times the simulated exchange on synthetic klines (release builds).
struct BenchExchangeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exchange",
        abstract: "Bar-steps per second of the simulated exchange on synthetic random-walk klines."
    )

    @Option(help: "Number of symbols.")
    var symbols = 10

    @Option(help: "Resting conditional orders per symbol, far from the price.")
    var orders = 100

    @Option(help: "Bars per symbol.")
    var bars = 200_000

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    func run() throws {
        let benchmark = ExchangeBenchmark(symbols: symbols, ordersPerSymbol: orders, bars: bars, runs: runs)
        let report: ExchangeBenchmark.Report
        do {
            report = try benchmark.run()
        } catch {
            throw ValidationError("\(error)")
        }
        print("exchange: \(symbols) symbols × \(bars) bars, \(orders) resting conditional orders per symbol")
        for (run, seconds) in report.seconds.enumerated() {
            let rate = Double(report.barSteps) / seconds
            print("  run \(run + 1): \(format(seconds * 1000)) ms, \(format(rate / 1e6)) M bar-steps/s")
        }
        print(
            "  median: \(format(report.medianRate / 1e6)) M bar-steps/s (\(report.barSteps) bar-steps, \(report.fills) fills per run)"
        )
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return "\(rounded)"
    }
}
