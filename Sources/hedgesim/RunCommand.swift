import ArgumentParser
import Backtest
import Dispatch
import Foundation
import Market
import Reports
import Results

/// Options `run` and `compare` share.
struct SimulationOptions: ParsableArguments {
    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: "Override a scenario key: --set exchange.taker_fee=0.0004 (repeatable).")
    var overrides: [String] = []

    @Option(name: .shortAndLong, help: "Write the SQLite report here instead of the scenario's report.path.")
    var out: String?

    @Option(help: "Also export every table and view as CSV into this folder.")
    var csv: String?

    @Option(help: ArgumentHelp("Also write the report as an HTML page here.", valueName: "path"))
    var html: String?

    @Flag(name: .shortAndLong, help: "No progress line; print only the essentials.")
    var quiet = false
}

/// `hedgesim run SCENARIO`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario and write its SQLite report.",
        discussion: """
            Loads the scenario and its data, replays every recorded signal through the live engine's logic \
            on the simulated exchange, writes the report (atomically: an interrupted run leaves no file) and \
            prints the per-strategy summary, the run digest and the speed.
            """
    )

    @OptionGroup var options: SimulationOptions

    func run() throws {
        try CLIError.run {
            try SimulationCommand.execute(options: options, variants: [(label: nil, overrides: [])])
        }
    }
}

/// `hedgesim compare SCENARIO`.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one scenario under several same-direction modes (or protection models) side by side.",
        discussion: """
            Every variant runs on the same loaded data, in parallel on all cores, into one report. The summary \
            compares the variants (PnL, fees, funding, trades, win rate, TP/SL hit rates, max drawdown, signals \
            executed and rejected) with differences against the first, and each strategy's PnL per variant. \
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
            let allowedModes = ["accumulate", "strongest_wins", "reject_duplicates"]
            let modeList = modes.map { $0.split(separator: ",").map(String.init) }
            for m in modeList ?? [] where !allowedModes.contains(m) {
                throw ValidationError("--modes: unknown mode \(m); use \(allowedModes.joined(separator: ", "))")
            }
            var variants: [(label: String?, overrides: [String])] = []
            if let protection {
                let models = protection.split(separator: ",").map(String.init)
                for p in models where !["per_strategy", "live_compat"].contains(p) {
                    throw ValidationError("--protection: unknown model \(p); use per_strategy, live_compat")
                }
                if let modeList {
                    for m in modeList {
                        for p in models {
                            variants.append(("\(m)/\(p)", ["engine.same_direction=\(m)", "protection=\(p)"]))
                        }
                    }
                } else {
                    variants = models.map { (label: $0, overrides: ["protection=\($0)"]) }
                }
            } else {
                variants = (modeList ?? allowedModes).map { (label: $0, overrides: ["engine.same_direction=\($0)"]) }
            }
            guard !variants.isEmpty else { throw ValidationError("nothing to compare") }
            try SimulationCommand.execute(options: options, variants: variants)
        }
    }
}

/// The shared body of `run` and `compare`.
enum SimulationCommand {
    static func execute(options: SimulationOptions, variants: [(label: String?, overrides: [String])]) throws {
        let start = Date()
        Interrupt.install()
        let base = try loadScenario(options.scenario, overrides: options.overrides)
        var loaded: [(String, Scenario)] = []
        for v in variants {
            let s = try loadScenario(options.scenario, overrides: options.overrides + v.overrides)
            loaded.append((v.label ?? s.name, s))
        }
        let scenarios = loaded
        let data: ScenarioData
        do {
            data = try ScenarioData.load(base)
        } catch {
            throw CLIError.exit(error)
        }
        let readSeconds = Date().timeIntervalSince(start)
        if Interrupt.isRequested {
            CLIError.print("interrupted; no report written")
            throw ExitCode(130)
        }
        let progress = ProgressLine(label: base.name, quiet: options.quiet)
        let total = data.barCount * scenarios.count
        let lock = NSLock()
        nonisolated(unsafe) var doneByRun = [Int](repeating: 0, count: scenarios.count)
        nonisolated(unsafe) var simulateEnd = Date()
        let path = options.out ?? base.report.path
        // Each run goes into the report as soon as it and the runs before it are done, while the
        // others still simulate; the report appears at `path` only once complete.
        let session = try ReportSession(path: path)
        var ids: [Int64] = []
        var reportSeconds = 0.0
        let simulateStart = Date()
        do {
            try Simulation.runAll(
                scenarios.map { (label: $0.0, scenario: $0.1) }, data: data,
                progress: { i, done, _ in
                    lock.lock()
                    doneByRun[i] = done
                    let sum = doneByRun.reduce(0, +)
                    lock.unlock()
                    progress.update(done: sum, total: total)
                    return !Interrupt.isRequested
                },
                digests: false,
                threads: Simulation.threadsBesideConsumer,
                simulated: {
                    lock.lock()
                    simulateEnd = Date()
                    lock.unlock()
                },
                consume: { _, run in
                    let writeStart = Date()
                    ids.append(try session.append(run).id)
                    reportSeconds += Date().timeIntervalSince(writeStart)
                })
        } catch {
            progress.finish()
            guard error is SimulationCancelled else { throw error }
            CLIError.print("interrupted; no report written")
            throw ExitCode(130)
        }
        progress.finish()
        let finishStart = Date()
        try session.finish()
        reportSeconds += Date().timeIntervalSince(finishStart)
        lock.lock()
        let simulateSeconds = simulateEnd.timeIntervalSince(simulateStart)
        lock.unlock()
        for id in ids {
            try ReportWriter.updateTimings(
                RunTimings(read: readSeconds, simulate: simulateSeconds, report: reportSeconds), runID: id, at: path)
        }
        if let csv = options.csv {
            _ = try ReportExporter.export(database: path, runIDs: ids, to: csv)
        }
        var htmlNote = ""
        if let html = options.html {
            let bytes = try HTMLReport.write(dbPath: path, options: HTMLReportOptions(runIDs: ids), to: html)
            htmlNote = "  ·  html \(html) (\(ProgressLine.grouped(bytes / 1024)) KB)"
        }
        let summary = try ReportSummary.render(dbPath: path, runIDs: ids)
        print(summary, terminator: summary.hasSuffix("\n") ? "" : "\n")
        let bars = data.barCount * ids.count
        let barsPerSecond = simulateSeconds > 0 ? Double(bars) / simulateSeconds : 0
        print(
            "report \(path)  ·  read \(format(readSeconds))  simulate \(format(simulateSeconds))  "
                + "write \(format(reportSeconds))  ·  \(ProgressLine.grouped(Int(barsPerSecond))) bars/s" + htmlNote)
    }

    static func format(_ seconds: Double) -> String { String(format: "%.2fs", seconds) }

    static func loadScenario(_ path: String, overrides: [String]) throws -> Scenario {
        do {
            return try ScenarioLoader.load(path: path, overrides: overrides)
        } catch {
            throw CLIError.exit(error)
        }
    }
}
