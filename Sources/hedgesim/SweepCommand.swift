import ArgumentParser
import Backtest
import Foundation
import Reports
import Results
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
            if Interrupt.isRequested { throw SimulationCancelled() }
            let progress = SweepProgress(quiet: quiet)
            defer { progress.finish() }
            let path = out ?? spec.reportPath ?? SweepCommand.defaultReportPath(prepared.scenario.report.path)
            // `report.detail: full`: the report is open from the start and every run's tables go
            // in as the runs complete, in plan order.
            let session = spec.detail == .full ? try ReportSession(path: path) : nil
            var runIDs: [Int64] = []
            var consume: ((Int, RunResult) throws -> Void)?
            if let session {
                consume = { _, result in
                    var result = result
                    // Wall-clock timings describe the sweep, not a run: kept out so the file
                    // does not depend on --threads.
                    result.timings = RunTimings()
                    runIDs.append(try session.append(result).id)
                }
            }
            let outcome = try SweepRunner.run(
                prepared, threads: threads, progress: { progress.update(done: $0, total: $1) },
                isCancelled: { Interrupt.isRequested }, consume: consume)
            progress.finish()
            let comparisons = SweepStatistics.comparisons(outcome)
            if let session {
                try SweepReport.write(outcome, comparisons: comparisons, into: session, runIDs: runIDs)
                try session.finish(isCancelled: { Interrupt.isRequested })
            } else {
                try SweepReport.write(outcome, comparisons: comparisons, to: path)
            }
            print(try SweepSummary.render(dbPath: path))
            print("report: \(path)")
        }
    }

    /// Next to the scenario's report: `quickstart.sqlite` → `quickstart-sweep.sqlite`.
    static func defaultReportPath(_ scenarioReport: String) -> String {
        let base = scenarioReport.hasSuffix(".sqlite") ? String(scenarioReport.dropLast(7)) : scenarioReport
        return base + "-sweep.sqlite"
    }
}
