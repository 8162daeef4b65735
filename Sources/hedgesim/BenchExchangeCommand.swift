import ArgumentParser
import Bench

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
        for line in benchmark.lines(report) { print(line) }
    }
}
