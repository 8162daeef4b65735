import ArgumentParser
import Bench
import TradeEngine

/// `hedgesim bench decide`: decodes and decides synthetic signals, reporting lines/s and
/// decisions/s (medians of several runs). Build in release mode to measure.
struct BenchDecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Measure signal decoding and deciding (gates + aggregator) on a synthetic workload."
    )

    @Option(help: "Number of synthetic signals.")
    var signals = 1_000_000

    @Option(help: "Number of symbols.")
    var symbols = 20

    @Option(help: "Number of strategies.")
    var strategies = 50

    @Option(help: "Timed runs; the median is reported.")
    var runs = 5

    @Option(help: "Same-direction policy: accumulate, strongest_wins or reject_duplicates.")
    var sameDirection = "accumulate"

    @Option(help: "Position mode: hedge or one_way.")
    var positionMode = "hedge"

    @Option(help: "What to time: all, decode or decide.")
    var phase = "all"

    func validate() throws {
        guard signals > 0, symbols > 0, strategies > 0, runs > 0 else {
            throw ValidationError("--signals, --symbols, --strategies and --runs must be positive")
        }
        guard SignalSettings.SameDirectionPolicy(rawValue: sameDirection) != nil else {
            throw ValidationError("unknown --same-direction (\(sameDirection))")
        }
        guard SignalSettings.PositionMode(rawValue: positionMode) != nil else {
            throw ValidationError("unknown --position-mode (\(positionMode))")
        }
        guard ["all", "decode", "decide"].contains(phase) else { throw ValidationError("unknown --phase (\(phase))") }
    }

    func run() throws {
        let settings = SignalSettings(
            positionMode: SignalSettings.PositionMode(rawValue: positionMode)!,
            sameDirection: SignalSettings.SameDirectionPolicy(rawValue: sameDirection)!)
        let workload = SignalBenchmark(signals: signals, symbols: symbols, strategies: strategies, settings: settings)
        let report = workload.measure(
            runs: runs, decode: phase != "decide", decide: phase != "decode", clock: ContinuousClock())
        for line in report.lines(symbols: symbols, strategies: strategies, settings: settings) { print(line) }
    }
}
