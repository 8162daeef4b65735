import ArgumentParser
import Bench

/// `hedgesim bench sweep`: a 216-run sweep of the quickstart against the same runs one by one.
struct BenchSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Time a 216-run sweep of the quickstart against the same runs one by one (release builds).",
        discussion: """
            Writes a sweep of the quickstart (3 same-direction modes × 3 re-entry cooldowns × 2 accumulation \
            limits × 2 protection models = 36 points, each over the whole range and five 7-day windows every 5 \
            days: 216 runs), runs it as `hedgesim sweep` in a child process, then each run as its own `hedgesim \
            run --set …` process. Prints runs/s, bars/s and peak RSS of both, their ratio, and how many \
            one-by-one result digests equal the sweep's. See docs/performance.md.
            """)

    @Option(help: "The base scenario.")
    var scenario = "scenarios/quickstart.yaml"

    @Option(help: "Time only the first N runs one by one (their rate stands for all).")
    var sample: Int?

    @Option(help: "Simulations at a time in the sweep (default: one per core).")
    var threads: Int?

    @Option(help: "Keep the sweep file and reports in this folder (default: a temporary folder, removed).")
    var dir: String?

    func validate() throws {
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try CLIError.run {
            #if DEBUG
            CLIError.print("warning: debug build; measure with `swift build -c release`")
            #endif
            let result = try SweepBenchmark.run(
                SweepBenchmark.Options(scenarioPath: scenario, sample: sample, threads: threads, directory: dir),
                executable: MeasuredProcess.currentExecutable, emit: { CLIError.print($0) })
            for line in result.lines { print(line) }
        }
    }
}
