import ArgumentParser
import Market
import ReferenceStrategies

/// `hedgesim signals …`: recorded signal files.
struct SignalsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signals",
        abstract: "Generate recorded signals from klines, or record them from the live NATS bus.",
        subcommands: [Generate.self, SignalsRecordCommand.self]
    )

    /// `hedgesim signals generate KLINES… --out FILE`.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the reference strategies over kline files and write their signals as JSONL.",
            discussion: """
                Strategies (modelled on the live producers): rsi_extreme_reversal, volume_surge_breakout, \
                momentum_v1, mean_reversion_v1. They evaluate closed bars of --timeframe (the klines are \
                resampled) and emit at the bar's close, in the live signal contract. Output ending in .zst \
                is compressed. The output is deterministic: the same klines give the same bytes.
                """
        )

        @Argument(help: "Kline files (.csv, .csv.zst, .zip); the symbol comes from the file name.")
        var klines: [String]

        @Option(name: .shortAndLong, help: "Output file (.jsonl or .jsonl.zst).")
        var out: String

        @Option(help: "Strategies to run, comma-separated (default: all four).")
        var strategies: String?

        @Option(help: "Timeframe the strategies evaluate on.")
        var timeframe: String = "15m"

        @Option(help: "`source` of every signal.")
        var source: String = "petrosa-cio"

        @Option(
            help: "`strategy_mode` of every signal: deterministic, ml_light, llm_reasoning, or mixed (per strategy).")
        var strategyMode: String = "deterministic"

        @Option(help: "`position_size_pct` of every entry signal (a fraction of the balance).")
        var positionSizePct: String = "0.05"

        @Flag(help: "If another hedgesim is writing the same output, wait for it instead of failing (exit 75).")
        var wait = false

        func run() throws {
            try CLIError.run {
                var options = SignalGenerator.Options()
                guard let interval = Interval(name: timeframe), interval.milliseconds != nil else {
                    throw ValidationError("--timeframe must be an interval such as 5m, 15m or 1h (\(timeframe))")
                }
                options.timeframe = interval
                options.source = source
                let modes = ["deterministic", "ml_light", "llm_reasoning", "mixed"]
                guard modes.contains(strategyMode) else {
                    throw ValidationError(
                        "--strategy-mode must be one of \(modes.joined(separator: ", ")) (\(strategyMode))")
                }
                options.strategyMode = strategyMode == "mixed" ? nil : strategyMode
                guard let pct = Rate(positionSizePct), pct >= .zero, pct <= Rate.one else {
                    throw ValidationError("--position-size-pct must be between 0 and 1 (\(positionSizePct))")
                }
                options.positionSizePercent = pct
                if let strategies {
                    var list: [SignalGenerator.Strategy] = []
                    for name in strategies.split(separator: ",") {
                        guard let s = SignalGenerator.Strategy(rawValue: String(name)) else {
                            let names = SignalGenerator.Strategy.allCases.map(\.rawValue).joined(separator: ", ")
                            throw ValidationError("unknown strategy \(name); known: \(names)")
                        }
                        list.append(s)
                    }
                    options.strategies = list
                }
                Interrupt.install()
                let file = try SignalGenerator(options: options).write(
                    klineFiles: klines, to: out, wait: wait, isCancelled: { Interrupt.isRequested })
                let counts = file.perStrategy.map { "\($0.name) \($0.count)" }.joined(separator: ", ")
                Terminal.print("wrote \(file.count) signals to \(out) (\(counts))")
            }
        }
    }
}
