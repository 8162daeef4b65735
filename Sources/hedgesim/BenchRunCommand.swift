import ArgumentParser
import Bench

/// `hedgesim bench run`: the whole pipeline on the peers' workload (release builds).
struct BenchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Time the whole pipeline (read, simulate, report) on the peers' generated workload.",
        discussion: """
            Generates the workload as real input files in a temporary folder (random-walk 1m klines as \
            .csv.zst, recorded signals as JSONL, a scenario), then runs it N times, each time in a fresh \
            process exactly as `hedgesim run` (or `compare`) does, and prints the median of each phase, the \
            rates, the peak resident memory of the process and the result digests (which must not change \
            between runs). See docs/performance.md.
            """)

    @Option(help: "Bars per symbol.")
    var bars = 1_000_000

    @Option(help: "Symbols (BTCUSDT, then copies of its rules).")
    var symbols = 1

    @Option(help: "Strategies; their signals come in bursts (see docs/performance.md).")
    var strategies = 1

    @Option(help: "Bars per signal and symbol.")
    var signalEvery = 60

    @Option(help: "Timed runs (fresh processes); medians are printed.")
    var runs = 5

    @Flag(help: "Run the three same-direction modes, as `hedgesim compare`.")
    var compare = false

    @Option(
        help:
            "A preset workload: year10 (10 symbols × 1 year of 1m bars, 5 strategies, compare) or wide (50 symbols × 2 years of 1m bars, 5 strategies, a signal per 600 bars and symbol, run)."
    )
    var preset: String?

    @Option(help: "Write the workload here and keep it (default: a temporary folder, removed afterwards).")
    var dir: String?

    @Flag(help: "Only write the workload (into --dir) and stop.")
    var generate = false

    @Option(help: "The folder with exchange-info.json and leverage-brackets.json.")
    var rules = "data/rules"

    @Option(help: .hidden)
    var execute: String?

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        if let preset, preset != "year10" && preset != "wide" {
            throw ValidationError("--preset: unknown preset \(preset); use year10 or wide")
        }
        if let message = workload.validationMessage() { throw ValidationError(message) }
        if generate && dir == nil { throw ValidationError("--generate needs --dir") }
    }

    var workload: BenchmarkWorkload {
        if preset == "year10" { return .year10 }
        if preset == "wide" { return .wide }
        return BenchmarkWorkload(bars: bars, symbols: symbols, strategies: strategies, signalEvery: signalEvery)
    }

    var comparing: Bool { compare || preset == "year10" }

    func run() throws {
        try CLIError.run {
            if let execute {
                // One measured pass, in the child process the parent spawned.
                print(try PipelineBenchmark.measure(scenarioPath: execute, compare: comparing).encoded)
                return
            }
            #if DEBUG
            CLIError.print("warning: debug build; measure with `swift build -c release`")
            #endif
            let options = PipelineBenchmark.Options(
                workload: workload, runs: runs, compare: comparing, directory: dir, generateOnly: generate,
                rulesDirectory: rules)
            try PipelineBenchmark.run(
                options, executable: MeasuredProcess.currentExecutable,
                arguments: { ["bench", "run", "--execute", $0] + (comparing ? ["--compare"] : []) },
                emit: { print($0) })
        }
    }
}
