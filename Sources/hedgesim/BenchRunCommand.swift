import ArgumentParser
import Backtest
import Foundation
import Reports
import Results

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
            between runs). See README, "Performance".
            """)

    @Option(help: "Bars per symbol.")
    var bars = 1_000_000

    @Option(help: "Symbols (BTCUSDT, then copies of its rules).")
    var symbols = 1

    @Option(help: "Strategies; their signals come in bursts (see the Performance section of README).")
    var strategies = 1

    @Option(help: "Bars per signal and symbol.")
    var signalEvery = 60

    @Option(help: "Timed runs (fresh processes); medians are printed.")
    var runs = 5

    @Flag(help: "Run the three same-direction modes, as `hedgesim compare`.")
    var compare = false

    @Option(help: "A preset workload: year10 (10 symbols × 1 year of 1m bars, 5 strategies, compare).")
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
        if let preset, preset != "year10" { throw ValidationError("--preset: unknown preset \(preset); use year10") }
        if let message = workload.validationMessage() { throw ValidationError(message) }
        if generate && dir == nil { throw ValidationError("--generate needs --dir") }
    }

    var workload: BenchmarkWorkload {
        if preset == "year10" { return .year10 }
        return BenchmarkWorkload(bars: bars, symbols: symbols, strategies: strategies, signalEvery: signalEvery)
    }

    var comparing: Bool { compare || preset == "year10" }

    func run() throws {
        try CLIError.run {
            if let execute {
                // One measured pass, in the child process the parent spawned.
                let m = try PipelineBenchmark.measure(scenarioPath: execute, compare: comparing, report: Self.steps)
                print(m.encoded)
                return
            }
            try benchmark()
        }
    }

    static let steps = PipelineBenchmark.ReportSteps(
        open: { path in try ReportSession(path: path) },
        written: { path, ids in
            for id in ids { try ReportWriter.updateTimings(RunTimings(), runID: id, at: path) }
        },
        summary: { path in try ReportSummary.render(dbPath: path) },
        rows: { path in
            let db = try ReportDatabase(path: path)
            return try ReportSchema.tables.reduce(0) { total, table in
                total + Int(try db.query("SELECT count(*) AS n FROM \(table.name)").value(0, "n").int ?? 0)
            }
        })

    func benchmark() throws {
        #if DEBUG
        CLIError.print("warning: debug build; measure with `swift build -c release`")
        #endif
        let w = workload
        let folder = dir ?? (NSTemporaryDirectory() + "hedgesim-bench-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if dir == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let clock = ContinuousClock()
        let generateStart = clock.now
        let files = try w.write(to: folder, rulesDirectory: rules)
        let generated = clock.now - generateStart
        if generate {
            print("\(files.scenario): \(grouped(w.totalBars)) bars, \(grouped(files.signalCount)) signals")
            return
        }
        let machine = MachineInfo.current()
        let modes = comparing ? "compare (\(PipelineBenchmark.compareModes.joined(separator: ", ")))" : "run"
        print(
            "workload  \(w.symbols) symbol(s) × \(grouped(w.bars)) 1m bars = \(grouped(w.totalBars)) bars, "
                + "\(w.strategies) strateg\(w.strategies == 1 ? "y" : "ies"), \(grouped(files.signalCount)) signals "
                + "(one per \(w.signalEvery) bars and symbol); \(modes)")
        print(
            "files     \(folder): \(format(Double(files.bytes) / 1e6, 1)) MB, generated in "
                + "\(format(seconds(generated), 2)) s")
        print("machine   \(machine.cores) cores, \(machine.model), load \(loads(machine.load)) before")
        let executable =
            FileManager.default.fileExists(atPath: "/proc/self/exe")
            ? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            : CommandLine.arguments[0]
        var measurements: [PipelineMeasurement] = []
        for index in 1...runs {
            let outcome = try MeasuredProcess.run(
                executable, ["bench", "run", "--execute", files.scenario] + (comparing ? ["--compare"] : []))
            guard outcome.status == 0, var m = PipelineMeasurement(encoded: outcome.output) else {
                throw ValidationError("run \(index): the measuring process failed (exit \(outcome.status))")
            }
            m.process = outcome.seconds
            m.peakRSSKilobytes = outcome.peakRSSKilobytes
            measurements.append(m)
            print(
                "run \(index)     read \(format(m.read, 3)) s  simulate \(format(m.simulate, 3)) s  "
                    + "report \(format(m.report, 3)) s (writer \(format(m.writer, 3)) s)  summary \(format(m.summary, 3)) s  "
                    + "process \(format(m.process, 3)) s  peak RSS \(m.peakRSSKilobytes / 1024) MB")
        }
        printMedians(measurements, bars: w.totalBars)
        print("machine   load \(loads(MachineInfo.loadAverages())) after")
    }

    func printMedians(_ ms: [PipelineMeasurement], bars: Int) {
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
        print("median of \(ms.count) run(s):")
        print(
            "  read      \(format(read, 3)) s   \(rate(bars, read)) bars/s, "
                + "\(rate(first.signals / max(first.runs, 1), read)) signals/s")
        print(
            "  simulate  \(format(simulate, 3)) s   \(rate(first.bars, simulate)) bars/s, "
                + "\(rate(first.signals, simulate)) signals/s, \(rate(first.fills, simulate)) fills/s  "
                + "(\(first.runs) run(s) × \(grouped(bars)) bars, \(min(first.runs, Simulation.threadsBesideConsumer)) at a time)"
        )
        print(
            "  report    \(format(report, 3)) s   after the last simulation; the writer's whole time "
                + "\(format(writer, 3)) s = \(rate(first.rows, writer)) rows/s (\(grouped(first.rows)) rows)")
        print("  summary   \(format(summary, 3)) s")
        print(
            "  process   \(format(process, 3)) s   start to exit; peak RSS \(format(rss, 0)) MB "
                + "(\(ms.map { String($0.peakRSSKilobytes / 1024) }.joined(separator: ", "))); "
                + "peak after read \(format(rssRead, 0)) MB, after simulate \(format(rssSimulate, 0)) MB")
        print(
            "  signals   \(grouped(first.signals)) decided, \(grouped(first.executed)) executed, "
                + "\(grouped(first.fills)) fills")
        let identical = ms.allSatisfy { $0.digests == first.digests }
        print("digest    \(first.digests.joined(separator: " ")) (\(identical ? "identical in every run" : "DIFFERS"))")
        if !identical {
            for (i, m) in ms.enumerated() { print("  run \(i + 1): \(m.digests.joined(separator: " "))") }
        }
    }

    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }

    func grouped(_ n: Int) -> String { ProgressLine.grouped(n) }

    func loads(_ load: [Double]) -> String {
        load.isEmpty ? "unknown" : load.map { format($0, 2) }.joined(separator: " ")
    }

    /// 1.23 M, 456 k, 789.
    func human(_ value: Double) -> String {
        if value >= 1e6 { return format(value / 1e6, 2) + " M" }
        if value >= 1e3 { return format(value / 1e3, 1) + " k" }
        return format(value, 0)
    }
}
