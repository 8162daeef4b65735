import Foundation
public import Results

/// Times one pass of the whole pipeline the way `hedgesim run` / `hedgesim compare` run it:
/// scenario and data loading (`read`), the simulation of every variant in parallel
/// (`simulate`), the SQLite report (`report`: the writing left once the last run has simulated;
/// `writer`: all the writer's time, part of which overlaps later runs' simulation) and the
/// terminal summary read back from it (`summary`). The report calls come in as closures
/// (`Reports` sits above this module).
///
/// Only the timings use a clock (`ContinuousClock`); nothing measured reaches a result.
public enum PipelineBenchmark {
    /// The report steps, supplied by the caller.
    public struct ReportSteps: Sendable {
        /// Opens the report at the path, as `hedgesim run` does.
        public var open: @Sendable (String) throws -> any RunResultSink
        /// What `hedgesim run` does with a finished report before its summary (the timings rows),
        /// given the path and the run ids.
        public var written: @Sendable (String, [Int64]) throws -> Void
        /// The terminal summary of the written report.
        public var summary: @Sendable (String) throws -> String
        /// Rows in the written report (counted after the timed steps).
        public var rows: @Sendable (String) throws -> Int

        public init(
            open: @escaping @Sendable (String) throws -> any RunResultSink,
            written: @escaping @Sendable (String, [Int64]) throws -> Void,
            summary: @escaping @Sendable (String) throws -> String, rows: @escaping @Sendable (String) throws -> Int
        ) {
            self.open = open
            self.written = written
            self.summary = summary
            self.rows = rows
        }
    }

    /// The same-direction modes `hedgesim compare` runs by default.
    public static let compareModes = ["accumulate", "strongest_wins", "reject_duplicates"]

    /// Runs the pipeline once.
    ///
    /// - Parameters:
    ///   - scenarioPath: the scenario file.
    ///   - compare: run the three same-direction modes (as `hedgesim compare`) instead of the
    ///     scenario as it is (as `hedgesim run`).
    ///   - report: the report steps.
    /// - Returns: the phase times and counts.
    public static func measure(
        scenarioPath: String, compare: Bool, report: ReportSteps
    ) throws -> PipelineMeasurement {
        let clock = ContinuousClock()
        let readStart = clock.now
        let base = try ScenarioLoader.load(path: scenarioPath)
        var variants: [(label: String, scenario: Scenario)] = []
        if compare {
            for mode in compareModes {
                variants.append(
                    (mode, try ScenarioLoader.load(path: scenarioPath, overrides: ["engine.same_direction=\(mode)"])))
            }
        } else {
            variants.append((base.name, base))
        }
        let data = try ScenarioData.load(base)
        let readEnd = clock.now
        let peakAfterRead = MachineInfo.peakResidentKilobytes()
        let sink = try report.open(base.report.path)
        let lock = NSLock()
        nonisolated(unsafe) var simulateEnd = readEnd
        nonisolated(unsafe) var peakAfterSimulate = 0
        var ids: [Int64] = []
        var writer = Duration.zero
        var m = PipelineMeasurement()
        var digests: [String] = []
        try Simulation.runAll(
            variants, data: data, digests: false, threads: Simulation.threadsBesideConsumer,
            simulated: {
                lock.lock()
                simulateEnd = clock.now
                peakAfterSimulate = MachineInfo.peakResidentKilobytes()
                lock.unlock()
            },
            consume: { _, run in
                let start = clock.now
                let stored = try sink.append(run)
                writer += clock.now - start
                ids.append(stored.id)
                digests.append(stored.resultDigest)
                m.bars += run.bars
                m.signals += run.signalCounts.decided
                m.executed += run.decisions.count { $0.status == "executed" }
                m.fills += run.fills.count
            })
        let finishStart = clock.now
        try sink.finish()
        try report.written(base.report.path, ids)
        let reportEnd = clock.now
        writer += reportEnd - finishStart
        _ = try report.summary(base.report.path)
        let summaryEnd = clock.now
        lock.lock()
        let simulated = simulateEnd
        lock.unlock()

        m.read = seconds(readEnd - readStart)
        m.simulate = seconds(simulated - readEnd)
        m.report = seconds(reportEnd - simulated)
        m.writer = seconds(writer)
        m.summary = seconds(summaryEnd - reportEnd)
        m.peakAfterReadKilobytes = peakAfterRead
        lock.lock()
        m.peakAfterSimulateKilobytes = peakAfterSimulate
        lock.unlock()
        m.runs = ids.count
        m.rows = try report.rows(base.report.path)
        m.digests = digests
        return m
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// What one pass of the pipeline measured (one process).
public struct PipelineMeasurement: Sendable, Hashable {
    /// Phase wall times in seconds.
    public var read = 0.0
    public var simulate = 0.0
    public var report = 0.0
    public var summary = 0.0
    /// The report writer's whole time (`report` plus what overlapped the later runs' simulation).
    public var writer = 0.0
    /// The whole process, start to exit (set by the parent that spawned it).
    public var process = 0.0
    /// Peak resident set size in kilobytes (`ru_maxrss` of the process).
    public var peakRSSKilobytes = 0
    /// The process's peak resident set size at the end of the read and simulate phases (0 where
    /// the system does not say).
    public var peakAfterReadKilobytes = 0
    public var peakAfterSimulateKilobytes = 0
    /// Runs simulated (3 for a comparison).
    public var runs = 0
    /// Bar steps, signals decided, signals executed and fills, summed over the runs.
    public var bars = 0
    public var signals = 0
    public var executed = 0
    public var fills = 0
    /// Rows in the report (every table).
    public var rows = 0
    /// Each run's result digest.
    public var digests: [String] = []

    public init() {}

    /// One line of `key=value` fields (what a measuring child process prints).
    public var encoded: String {
        "hedgesim-bench read=\(read) simulate=\(simulate) report=\(report) writer=\(writer) summary=\(summary) "
            + "runs=\(runs) "
            + "bars=\(bars) signals=\(signals) executed=\(executed) fills=\(fills) rows=\(rows) "
            + "peakRead=\(peakAfterReadKilobytes) peakSimulate=\(peakAfterSimulateKilobytes) "
            + "digests=\(digests.joined(separator: ","))"
    }

    /// Reads `encoded` back from a process's output (the last line starting `hedgesim-bench`).
    public init?(encoded output: String) {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("hedgesim-bench ") }) else {
            return nil
        }
        var fields: [(String, String)] = []
        for part in line.split(separator: " ").dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { return nil }
            fields.append((String(part[..<eq]), String(part[part.index(after: eq)...])))
        }
        func value(_ key: String) -> String? { fields.first { $0.0 == key }?.1 }
        guard let read = value("read").flatMap(Double.init), let simulate = value("simulate").flatMap(Double.init),
            let report = value("report").flatMap(Double.init), let summary = value("summary").flatMap(Double.init),
            let writer = value("writer").flatMap(Double.init),
            let runs = value("runs").flatMap(Int.init), let bars = value("bars").flatMap(Int.init),
            let signals = value("signals").flatMap(Int.init), let executed = value("executed").flatMap(Int.init),
            let fills = value("fills").flatMap(Int.init), let rows = value("rows").flatMap(Int.init),
            let peakRead = value("peakRead").flatMap(Int.init),
            let peakSimulate = value("peakSimulate").flatMap(Int.init), let digests = value("digests")
        else { return nil }
        self.peakAfterReadKilobytes = peakRead
        self.peakAfterSimulateKilobytes = peakSimulate
        self.read = read
        self.simulate = simulate
        self.report = report
        self.writer = writer
        self.summary = summary
        self.runs = runs
        self.bars = bars
        self.signals = signals
        self.executed = executed
        self.fills = fills
        self.rows = rows
        self.digests = digests.split(separator: ",").map(String.init)
    }
}
