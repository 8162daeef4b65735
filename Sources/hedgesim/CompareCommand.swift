import ArgumentParser
import Pipeline

/// `hedgesim compare SCENARIO`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one scenario under several same-direction modes (or protection models) side by side.",
        discussion: """
            Every variant runs on the same loaded data, in parallel on all cores, into one report. The summary \
            compares the variants (PnL, fees, funding, trades, win rate, TP/SL hit rates, max drawdown, signals \
            executed and rejected) with differences against the first (Δ net with a 95 % bootstrap confidence \
            interval and p-value), and each strategy's PnL per variant. \
            A variant's result digest equals that of `hedgesim run` with the same settings.
            """
    )

    @OptionGroup var options: SimulationOptions

    @Option(
        help: """
            Same-direction modes to compare, comma-separated (default: accumulate,strongest_wins,reject_duplicates; \
            with --protection: the scenario's mode).
            """)
    var modes: String?

    @Option(help: "Protection models to compare, comma-separated (per_strategy, live_compat).")
    var protection: String?

    func run() throws {
        try CLIError.run {
            let variants = try RunVariant.comparison(
                modes: modes.map { $0.split(separator: ",").map(String.init) },
                protection: protection.map { $0.split(separator: ",").map(String.init) })
            try options.execute(variants)
        }
    }
}
