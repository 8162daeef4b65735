import ArgumentParser
import Backtest
import Foundation
import Sweep

/// `hedgesim sweep FILE`.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract:
            "Run a grid of settings × strategy sets × walk-forward windows and rank the points against a baseline.",
        discussion: """
            Reads a sweep file (docs/sweeps.md), loads the base scenario's data once and runs every grid point × \
            strategy set (all, and without each strategy with leave_one_out) × window (the whole range, then the \
            walk-forward windows) in parallel on all cores. Writes the sweep report atomically (Ctrl-C leaves no \
            file) and prints the ranking against the baseline and the leave-one-strategy-out table. A point's \
            whole-range run has the result digest of `hedgesim run` with the same --set values.
            """
    )

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(
        name: .customLong("set"),
        help: "Override a key of the base scenario for every run: --set exchange.taker_fee=0.0004 (repeatable).")
    var overrides: [String] = []

    @Option(name: .shortAndLong, help: "Write the sweep report here instead of the sweep file's report.path.")
    var out: String?

    @Option(help: "Simulations at a time (default: one per core).")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    @Flag(help: "Print the points, strategy sets, windows and the run count without running.")
    var plan = false

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() throws {
        try CLIError.run {
            Interrupt.install()
            let spec = try SweepLoader.load(path: file)
            let prepared = try SweepRunner.prepare(spec, overrides: overrides)
            if plan {
                print(prepared.plan.describe(spec: spec), terminator: "")
                return
            }
            if let engine = cluster.engine {
                let path = out ?? spec.reportPath ?? SweepCommand.defaultReportPath(prepared.scenario.report.path)
                try emit(engine, prepared, reportPath: path)
                return
            }
            if Interrupt.isRequested { throw SimulationCancelled() }
            let progress = SweepProgress(quiet: quiet)
            defer { progress.finish() }
            let outcome = try SweepRunner.run(
                prepared, threads: threads, progress: { progress.update(done: $0, total: $1) },
                isCancelled: { Interrupt.isRequested })
            progress.finish()
            let path = out ?? spec.reportPath ?? SweepCommand.defaultReportPath(prepared.scenario.report.path)
            let comparisons = SweepStatistics.comparisons(outcome)
            try SweepReport.write(outcome, comparisons: comparisons, to: path)
            print(try SweepSummary.render(dbPath: path))
            print("report: \(path)")
        }
    }

    /// Next to the scenario's report: `quickstart.sqlite` → `quickstart-sweep.sqlite`.
    static func defaultReportPath(_ scenarioReport: String) -> String {
        let base = scenarioReport.hasSuffix(".sqlite") ? String(scenarioReport.dropLast(7)) : scenarioReport
        return base + "-sweep.sqlite"
    }

    /// `--emit`: the cluster files for this sweep on standard output.
    func emit(_ engine: ClusterManifest.Engine, _ prepared: SweepRunner.Prepared, reportPath: String) throws {
        let options = cluster.manifestOptions(engine)
        if options.shards > prepared.plan.runs.count {
            throw ValidationError(
                "--shards \(options.shards): more shards than the sweep's \(prepared.plan.runs.count) runs")
        }
        let job = ClusterManifest.job(
            prepared, sweepFile: file, reportPath: reportPath, overrides: overrides,
            currentDirectory: FileManager.default.currentDirectoryPath, options: options)
        print(ClusterManifest.render(engine, job), terminator: "")
    }
}
