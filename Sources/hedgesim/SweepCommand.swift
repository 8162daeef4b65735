import ArgumentParser
import Backtest
import Foundation
import Sweep

/// `hedgesim sweep run FILE` (also `hedgesim sweep FILE`), the whole sweep or one shard of it.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "Run a grid of settings × strategy sets × walk-forward windows and rank the points against a baseline.",
        discussion: """
            Reads a sweep file (docs/sweeps.md), loads the base scenario's data once and runs every grid point × \
            strategy set (all, and without each strategy with leave_one_out) × window (the whole range, then the \
            walk-forward windows) in parallel on all cores. Writes the sweep report atomically (Ctrl-C leaves no \
            file) and prints the ranking against the baseline and the leave-one-strategy-out table. A point's \
            whole-range run has the result digest of `hedgesim run` with the same --set values. With --shard K/N \
            it runs only the K-th of N shards and writes a shard report for `hedgesim sweep merge`.
            """
    )

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(
        name: .customLong("set"),
        help: "Override a key of the base scenario for every run: --set exchange.taker_fee=0.0004 (repeatable).")
    var overrides: [String] = []

    @Option(
        name: .shortAndLong,
        help: """
            Write the sweep report here instead of the sweep file's report.path; with --shard, the shard report \
            (a path ending in / or an existing folder: <report name>.shard-K-of-N.sqlite in it).
            """)
    var out: String?

    @Option(help: "Simulations at a time (default: one per core).")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "No progress line.")
    var quiet = false

    @Flag(help: "Print the points, strategy sets, windows and the run count without running (with --shard: its runs).")
    var plan = false

    @Option(
        help: """
            Run only shard K of N (0-based, e.g. 0/4), or `auto`: K and N from JOB_COMPLETION_INDEX (Kubernetes), \
            SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT (Slurm) or HEDGESIM_SHARD and HEDGESIM_SHARDS.
            """)
    var shard: String?

    @Option(
        help: """
            The shard count for --shard auto (overrides HEDGESIM_SHARDS and SLURM_ARRAY_TASK_COUNT); with --emit, \
            the number of shards to emit the jobs for.
            """)
    var shards: Int?

    @Flag(help: "If another hedgesim is writing the same output, wait for it instead of failing (exit 75).")
    var wait = false

    @OptionGroup var cluster: ClusterOptions

    @Option(help: ArgumentHelp("Also write the sweep's HTML page here (docs/html-report.md).", valueName: "path"))
    var html: String?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
        if shards != nil && shard != "auto" && cluster.emit == nil {
            throw ValidationError("--shards goes with --shard auto")
        }
        try cluster.validate(shards: shards, shard: shard)
        if html != nil && (plan || shard != nil || cluster.emit != nil) {
            throw ValidationError("--html needs the whole sweep's report; not with --plan, --shard or --emit")
        }
    }

    /// The shard `--shard` names, nil without it.
    func selectedShard() throws -> SweepShard? {
        guard let shard else { return nil }
        if shard == "auto" {
            return try SweepShard.fromEnvironment(ProcessInfo.processInfo.environment, shards: shards)
        }
        return try SweepShard.parse(shard)
    }

    func run() throws {
        try CLIError.run {
            Interrupt.install()
            let shard = try selectedShard()
            let spec = try SweepLoader.load(path: file)
            let prepared = try SweepRunner.prepare(spec, overrides: overrides)
            if plan {
                print(prepared.plan.describe(spec: spec), terminator: "")
                if let shard { print(Self.describe(shard, of: prepared), terminator: "") }
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
            let report = spec.reportPath ?? SweepCommand.defaultReportPath(prepared.scenario.report.path)
            if let shard {
                let result = try SweepRunner.run(
                    prepared, shard: shard, threads: threads, progress: { progress.update(done: $0, total: $1) },
                    isCancelled: { Interrupt.isRequested })
                progress.finish()
                let path = Self.shardPath(out: out, report: report, shard: shard)
                let header = SweepShardReport.header(
                    prepared, shard: shard, runs: result.runs, overrides: overrides)
                try SweepShardReport.write(
                    header, summaries: result.summaries, to: path, wait: wait, isCancelled: { Interrupt.isRequested })
                print("shard \(shard): \(result.runs.count) of \(prepared.plan.runs.count) runs")
                print("shard report: \(path)")
                return
            }
            let outcome = try SweepRunner.run(
                prepared, threads: threads, progress: { progress.update(done: $0, total: $1) },
                isCancelled: { Interrupt.isRequested })
            progress.finish()
            let path = out ?? report
            try SweepReport.build(outcome, to: path, wait: wait, isCancelled: { Interrupt.isRequested })
            print(try SweepSummary.render(dbPath: path))
            print("report: \(path)")
            if let html { try writeHTML(html, report: path) }
        }
    }

    /// Next to the scenario's report: `quickstart.sqlite` → `quickstart-sweep.sqlite`.
    static func defaultReportPath(_ scenarioReport: String) -> String {
        let base = scenarioReport.hasSuffix(".sqlite") ? String(scenarioReport.dropLast(7)) : scenarioReport
        return base + "-sweep.sqlite"
    }

    /// Where a shard report goes: `--out` as given, or `<report name>.shard-K-of-N.sqlite` in the
    /// `--out` folder (a path ending in `/` or an existing folder), or next to the sweep report.
    static func shardPath(out: String?, report: String, shard: SweepShard) -> String {
        let base = report.hasSuffix(".sqlite") ? String(report.dropLast(7)) : report
        let name = base + ".shard-\(shard.index)-of-\(shard.count).sqlite"
        guard let out else { return name }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        guard out.hasSuffix("/") || (exists && isFolder.boolValue) else { return out }
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        return (out.hasSuffix("/") ? out : out + "/") + fileName
    }

    /// `--plan --shard K/N`: the shard's runs and their expected work.
    static func describe(_ shard: SweepShard, of prepared: SweepRunner.Prepared) -> String {
        let plan = prepared.plan
        let work = prepared.expectedWork
        let runs = prepared.shardRuns(shard.count)[shard.index]
        let mine = runs.reduce(0) { $0 + work[$1] }
        let total = work.reduce(0, +)
        var out = "shard \(shard): \(runs.count) of \(plan.runs.count) runs, expected work \(mine) of \(total) "
        out += "bars × symbols (\(String(format: "%.1f", total > 0 ? 100 * Double(mine) / Double(total) : 0)) %)\n"
        for i in runs {
            let run = plan.runs[i]
            let window = plan.windows[run.window]
            out += "  run \(run.runIndex): point \(plan.points[run.point].id), \(plan.strategySets[run.strategySet]), "
            out += window.isWholeRange ? "whole range" : "window \(window.index)"
            out += ", work \(work[i])\n"
        }
        return out
    }

    /// `--emit`: the cluster files for this sweep on standard output.
    func emit(_ engine: ClusterManifest.Engine, _ prepared: SweepRunner.Prepared, reportPath: String) throws {
        let options = cluster.manifestOptions(engine, shards: shards ?? 1)
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
