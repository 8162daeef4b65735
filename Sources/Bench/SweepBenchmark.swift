import Backtest
import Foundation
import Market
import Reports

/// `hedgesim bench sweep`: a 216-run sweep of the quickstart against the same runs one by one
/// (docs/performance.md, "Sweeps").
///
/// The sweep is the issue's benchmark: 3 same-direction modes × 3 re-entry cooldowns × 2
/// accumulation limits × 2 protection models = 36 points, each over the whole data range and
/// five 7-day windows every 5 days (216 runs). It runs once as `hedgesim sweep` in a child
/// process (wall time, peak RSS of the process), then each run (or the first `sample` of them)
/// as its own `hedgesim run --set …` process, whose result digest must equal the sweep's. The
/// ratio is the sweep's runs per second over the one-by-one runs per second.
public enum SweepBenchmark {
    /// What to measure.
    public struct Options: Sendable {
        /// The base scenario (the quickstart).
        public var scenarioPath: String
        /// Runs timed one by one (the first ones in plan order); nil: all of them.
        public var sample: Int?
        /// `--threads` of the sweep; nil: one per core.
        public var threads: Int?
        /// The working folder (kept); nil: a temporary one, removed afterwards.
        public var directory: String?

        public init(scenarioPath: String, sample: Int? = nil, threads: Int? = nil, directory: String? = nil) {
            self.scenarioPath = scenarioPath
            self.sample = sample
            self.threads = threads
            self.directory = directory
        }
    }

    /// The figures of one benchmark.
    public struct Result: Sendable {
        public var runs: Int
        /// Bars simulated over every run of the sweep.
        public var bars: Int
        public var sweepSeconds: Double
        public var sweepPeakRSSKilobytes: Int
        /// Runs timed one by one.
        public var oneByOneRuns: Int
        public var oneByOneSeconds: Double
        /// The largest peak RSS of the one-by-one processes.
        public var oneByOnePeakRSSKilobytes: Int
        /// One-by-one runs whose result digest equals the sweep's.
        public var digestsEqual: Int

        public var sweepRunsPerSecond: Double { Double(runs) / max(sweepSeconds, 1e-9) }
        public var sweepBarsPerSecond: Double { Double(bars) / max(sweepSeconds, 1e-9) }
        public var oneByOneRunsPerSecond: Double { Double(oneByOneRuns) / max(oneByOneSeconds, 1e-9) }
        /// Sweep runs/s over one-by-one runs/s.
        public var ratio: Double { sweepRunsPerSecond / max(oneByOneRunsPerSecond, 1e-9) }

        /// The lines `hedgesim bench sweep` prints.
        public var lines: [String] {
            [
                "sweep: \(runs) runs, \(bars) bars in \(format(sweepSeconds)) s: \(format(sweepRunsPerSecond)) runs/s, "
                    + "\(Int(sweepBarsPerSecond.rounded())) bars/s, peak RSS \(sweepPeakRSSKilobytes) kB",
                "one by one (hedgesim run): \(oneByOneRuns) runs in \(format(oneByOneSeconds)) s: "
                    + "\(format(oneByOneRunsPerSecond)) runs/s, peak RSS \(oneByOnePeakRSSKilobytes) kB",
                "ratio (sweep runs/s over one-by-one runs/s): \(format(ratio))",
                "result digests equal to the sweep's: \(digestsEqual)/\(oneByOneRuns)",
            ]
        }

        private func format(_ value: Double) -> String { String(format: "%.2f", value) }
    }

    /// The sweep file of the benchmark.
    public static func sweepFile(scenarioPath: String, reportPath: String) -> String {
        """
        scenario: \(scenarioPath)
        grid:
          engine.same_direction: [accumulate, strongest_wins, reject_duplicates]
          engine.reentry_cooldown: [0s, 60s, 300s]
          engine.max_accumulations: [3, 10]
          protection: [per_strategy, live_compat]
        windows: {length: 7d, step: 5d}
        report: {path: \(reportPath)}

        """
    }

    /// Runs the benchmark with `executable` (this program), printing progress lines to `emit`.
    ///
    /// - Throws: `BenchmarkError` when a file cannot be written or a child fails.
    public static func run(
        _ options: Options, executable: String, emit: (String) -> Void
    ) throws(BenchmarkError) -> Result {
        let folder: String
        if let directory = options.directory {
            folder = directory
        } else {
            folder = NSTemporaryDirectory() + "hedgesim-bench-sweep-\(ProcessInfo.processInfo.processIdentifier)"
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw BenchmarkError("\(folder): cannot create the folder")
        }
        defer { if options.directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let scenario =
            options.scenarioPath.hasPrefix("/")
            ? options.scenarioPath : FileManager.default.currentDirectoryPath + "/" + options.scenarioPath
        let bar: Int64
        do {
            bar = try ScenarioLoader.load(path: scenario).data.interval.milliseconds ?? 60_000
        } catch {
            throw BenchmarkError(.usage, "\(error)")
        }
        let file = folder + "/bench-sweep.yaml"
        let report = folder + "/bench-sweep.sqlite"
        do {
            try sweepFile(scenarioPath: scenario, reportPath: report).write(
                toFile: file, atomically: true, encoding: .utf8)
        } catch {
            throw BenchmarkError("\(file): cannot be written")
        }
        emit("sweep of 216 runs: \(file)")
        let sweep = try MeasuredProcess.run(
            executable, ["sweep", file, "--quiet"] + (options.threads.map { ["--threads", String($0)] } ?? []))
        guard sweep.status == 0 else { throw BenchmarkError(.usage, "\(file): the sweep failed (\(sweep.status))") }
        let plan: [(digest: String, overrides: [String])]
        let bars: Int
        do throws(ReportError) {
            let db = try ReportDatabase(path: report)
            bars = Int(try db.query("SELECT SUM(bars) AS bars FROM sweep_runs").value(0, "bars").int ?? 0)
            let rows = try db.query(
                """
                SELECT r.result_digest, p.label, r.is_whole_range, r.window_start, r.window_end
                FROM sweep_runs r JOIN sweep_points p USING (point_id) ORDER BY r.run_index
                """)
            plan = (0..<rows.rows.count).map { r in
                var overrides = (rows.value(r, "label").string ?? "").split(separator: " ").map(String.init)
                if rows.value(r, "is_whole_range").int == 0, let start = rows.value(r, "window_start").string,
                    let end = rows.value(r, "window_end").string.flatMap({ Timestamp(iso8601: $0) })
                {
                    // The last bar opens one interval before the end.
                    overrides += ["data.start=\(start)", "data.end=\(end.adding(milliseconds: -bar).iso8601)"]
                }
                return (rows.value(r, "result_digest").string ?? "", overrides)
            }
        } catch {
            throw BenchmarkError("\(report): \(error)")
        }
        emit("sweep: \(plan.count) runs in \(String(format: "%.2f", sweep.seconds)) s; now one by one")
        let count = min(plan.count, options.sample ?? plan.count)
        var seconds = 0.0
        var peak = 0
        var equal = 0
        let one = folder + "/one.sqlite"
        for run in plan.prefix(count) {
            let outcome = try MeasuredProcess.run(
                executable, ["run", scenario, "--out", one, "--quiet"] + run.overrides.flatMap { ["--set", $0] })
            guard outcome.status == 0 else {
                throw BenchmarkError(.usage, "\(scenario): a run failed (\(outcome.status))")
            }
            seconds += outcome.seconds
            peak = max(peak, outcome.peakRSSKilobytes)
            let digest = try? ReportDatabase(path: one).query("SELECT result_digest FROM runs").value(
                0, "result_digest"
            ).string
            if digest == run.digest { equal += 1 }
        }
        return Result(
            runs: plan.count, bars: bars, sweepSeconds: sweep.seconds, sweepPeakRSSKilobytes: sweep.peakRSSKilobytes,
            oneByOneRuns: count, oneByOneSeconds: seconds, oneByOnePeakRSSKilobytes: peak, digestsEqual: equal)
    }
}
