import Backtest
import Foundation
import Pipeline
import Reports
import Results

/// `hedgesim bench run`: the whole pipeline on a generated workload, each pass in a fresh
/// process.
///
/// The parent (`run(_:executable:arguments:emit:)`) writes the workload as real input files,
/// starts the measuring child `runs` times and prints every pass and the medians. The child
/// (`measure(scenarioPath:compare:)`) runs `RunPipeline.run` exactly as `hedgesim run` (or
/// `compare`) does and reports the phase times, the counts, its peak memory at the end of the
/// read and simulate phases and the result digests.
public enum PipelineBenchmark {
    /// The same-direction modes `hedgesim compare` runs by default.
    public static let compareModes = RunVariant.sameDirectionModes

    /// What to run.
    public struct Options: Sendable, Hashable {
        /// The workload.
        public var workload: BenchmarkWorkload
        /// Measured passes (fresh processes).
        public var runs: Int
        /// Run the three same-direction modes, as `hedgesim compare`.
        public var compare: Bool
        /// Where to write the workload and keep it; nil: a temporary folder, removed afterwards.
        public var directory: String?
        /// Only write the workload (into `directory`) and stop.
        public var generateOnly: Bool
        /// The folder with `exchange-info.json` and `leverage-brackets.json`.
        public var rulesDirectory: String

        public init(
            workload: BenchmarkWorkload, runs: Int = 5, compare: Bool = false, directory: String? = nil,
            generateOnly: Bool = false, rulesDirectory: String = "data/rules"
        ) {
            self.workload = workload
            self.runs = runs
            self.compare = compare
            self.directory = directory
            self.generateOnly = generateOnly
            self.rulesDirectory = rulesDirectory
        }
    }

    /// One measured pass of the pipeline in this process (the child's work).
    ///
    /// - Parameters:
    ///   - scenarioPath: the scenario file.
    ///   - compare: run the three same-direction modes (as `hedgesim compare`) instead of the
    ///     scenario as it is (as `hedgesim run`).
    /// - Returns: the phase times and counts.
    public static func measure(scenarioPath: String, compare: Bool) throws -> PipelineMeasurement {
        let variants = compare ? try RunVariant.comparison(modes: nil, protection: nil) : [.scenario]
        let peaks = PhasePeaks()
        let outcome = try RunPipeline.run(
            RunRequest(scenarioPath: scenarioPath, variants: variants),
            events: { event in
                switch event {
                case .loaded: peaks.read = MachineInfo.peakResidentKilobytes()
                case .lastSimulationEnded: peaks.simulate = MachineInfo.peakResidentKilobytes()
                case .progress, .allRunsWritten: break
                }
            })
        var m = PipelineMeasurement()
        m.read = outcome.timings.read
        m.simulate = outcome.timings.simulate
        m.report = outcome.timings.reportAfterSimulate
        m.writer = outcome.timings.write
        m.summary = outcome.timings.summary
        m.peakAfterReadKilobytes = peaks.read
        m.peakAfterSimulateKilobytes = peaks.simulate
        m.runs = outcome.runs.count
        for run in outcome.runs {
            m.bars += run.bars
            m.signals += run.signals
            m.executed += run.executed
            m.fills += run.fills
        }
        m.rows = try rows(in: outcome.reportPath)
        m.digests = outcome.runs.map(\.resultDigest)
        m.peakRSSKilobytes = MachineInfo.peakResidentKilobytes()
        return m
    }

    /// Rows in every table of a report.
    static func rows(in path: String) throws -> Int {
        let db = try ReportDatabase(path: path)
        return try ReportSchema.tables.reduce(0) { total, table in
            total + Int(try db.query("SELECT count(*) AS n FROM \(table.name)").value(0, "n").int ?? 0)
        }
    }

    /// Writes the workload, measures it `options.runs` times, each in a fresh process, and
    /// emits the printout line by line: the workload, the machine, every pass, the medians and
    /// the result digests (which must be the same in every pass).
    ///
    /// - Parameters:
    ///   - executable: the program to start for each pass (this one).
    ///   - arguments: its arguments for measuring the scenario at the given path once.
    ///   - emit: receives each line as soon as it is known.
    /// - Throws: `BenchmarkError` when the workload cannot be written, a process cannot be
    ///   started (`.io`) or a pass fails (`.usage`).
    public static func run(
        _ options: Options, executable: String, arguments: (String) -> [String], emit: (String) -> Void
    ) throws(BenchmarkError) {
        let w = options.workload
        let folder =
            options.directory
            ?? (NSTemporaryDirectory() + "hedgesim-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if options.directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let clock = ContinuousClock()
        let generateStart = clock.now
        let files = try w.write(to: folder, rulesDirectory: options.rulesDirectory)
        let generated = clock.now - generateStart
        if options.generateOnly {
            emit("\(files.scenario): \(grouped(w.totalBars)) bars, \(grouped(files.signalCount)) signals")
            return
        }
        let machine = MachineInfo.current()
        let modes = options.compare ? "compare (\(compareModes.joined(separator: ", ")))" : "run"
        emit(
            "workload  \(w.symbols) symbol(s) × \(grouped(w.bars)) 1m bars = \(grouped(w.totalBars)) bars, "
                + "\(w.strategies) strateg\(w.strategies == 1 ? "y" : "ies"), \(grouped(files.signalCount)) signals "
                + "(one per \(w.signalEvery) bars and symbol); \(modes)")
        emit(
            "files     \(folder): \(format(Double(files.bytes) / 1e6, 1)) MB, generated in "
                + "\(format(TextFormat.seconds(generated), 2)) s")
        emit("machine   \(machine.cores) cores, \(machine.model), load \(loads(machine.load)) before")
        var measurements: [PipelineMeasurement] = []
        for index in 1...max(1, options.runs) {
            let outcome = try MeasuredProcess.run(executable, arguments(files.scenario))
            guard outcome.status == 0, var m = PipelineMeasurement(encoded: outcome.output) else {
                throw BenchmarkError(
                    .usage, "run \(index): the measuring process failed (exit \(outcome.status))")
            }
            m.process = outcome.seconds
            if m.peakRSSKilobytes == 0 { m.peakRSSKilobytes = outcome.peakRSSKilobytes }
            measurements.append(m)
            emit(
                "run \(index)     read \(format(m.read, 3)) s  simulate \(format(m.simulate, 3)) s  "
                    + "report \(format(m.report, 3)) s (writer \(format(m.writer, 3)) s)  summary \(format(m.summary, 3)) s  "
                    + "process \(format(m.process, 3)) s  peak RSS \(m.peakRSSKilobytes / 1024) MB")
        }
        medians(measurements, bars: w.totalBars).forEach(emit)
        emit("machine   load \(loads(MachineInfo.loadAverages())) after")
    }

    /// The median lines of several passes.
    static func medians(_ ms: [PipelineMeasurement], bars: Int) -> [String] {
        let first = ms[0]
        func median(_ key: (PipelineMeasurement) -> Double) -> Double {
            let sorted = ms.map(key).sorted()
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        func rate(_ count: Int, _ time: Double) -> String { time > 0 ? human(Double(count) / time) : "–" }
        let read = median(\.read), simulate = median(\.simulate), report = median(\.report)
        let summary = median(\.summary), process = median(\.process), writer = median(\.writer)
        let rss = median { Double($0.peakRSSKilobytes) } / 1024
        let rssRead = median { Double($0.peakAfterReadKilobytes) } / 1024
        let rssSimulate = median { Double($0.peakAfterSimulateKilobytes) } / 1024
        var lines = ["median of \(ms.count) run(s):"]
        lines.append(
            "  read      \(format(read, 3)) s   \(rate(bars, read)) bars/s, "
                + "\(rate(first.signals / max(first.runs, 1), read)) signals/s")
        lines.append(
            "  simulate  \(format(simulate, 3)) s   \(rate(first.bars, simulate)) bars/s, "
                + "\(rate(first.signals, simulate)) signals/s, \(rate(first.fills, simulate)) fills/s  "
                + "(\(first.runs) run(s) × \(grouped(bars)) bars, \(min(first.runs, Simulation.threadsBesideConsumer)) at a time)"
        )
        lines.append(
            "  report    \(format(report, 3)) s   after the last simulation; the writer's whole time "
                + "\(format(writer, 3)) s = \(rate(first.rows, writer)) rows/s (\(grouped(first.rows)) rows)")
        lines.append("  summary   \(format(summary, 3)) s")
        lines.append(
            "  process   \(format(process, 3)) s   start to exit; peak RSS \(format(rss, 0)) MB "
                + "(\(ms.map { String($0.peakRSSKilobytes / 1024) }.joined(separator: ", "))); "
                + "peak after read \(format(rssRead, 0)) MB, after simulate \(format(rssSimulate, 0)) MB")
        lines.append(
            "  signals   \(grouped(first.signals)) decided, \(grouped(first.executed)) executed, "
                + "\(grouped(first.fills)) fills")
        let identical = ms.allSatisfy { $0.digests == first.digests }
        lines.append(
            "digest    \(first.digests.joined(separator: " ")) (\(identical ? "identical in every run" : "DIFFERS"))")
        if !identical {
            for (i, m) in ms.enumerated() { lines.append("  run \(i + 1): \(m.digests.joined(separator: " "))") }
        }
        return lines
    }

    static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    static func grouped(_ n: Int) -> String { TextFormat.grouped(n) }

    static func loads(_ load: [Double]) -> String {
        load.isEmpty ? "unknown" : load.map { format($0, 2) }.joined(separator: " ")
    }

    /// 1.23 M, 456 k, 789.
    static func human(_ value: Double) -> String {
        if value >= 1e6 { return format(value / 1e6, 2) + " M" }
        if value >= 1e3 { return format(value / 1e3, 1) + " k" }
        return format(value, 0)
    }
}

/// The peak memory at the end of the read and simulate phases, set from the pipeline's events
/// (on different threads).
private final class PhasePeaks: @unchecked Sendable {
    private let lock = NSLock()
    private var values = (read: 0, simulate: 0)

    var read: Int {
        get { lock.withLock { values.read } }
        set { lock.withLock { values.read = newValue } }
    }

    var simulate: Int {
        get { lock.withLock { values.simulate } }
        set { lock.withLock { values.simulate = newValue } }
    }
}
