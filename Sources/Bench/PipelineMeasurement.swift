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
    /// Peak resident set size of the process in kilobytes: its own `VmHWM` at the end of the
    /// pass, as it reports it (0 where the system does not say; the parent then takes the child's
    /// `ru_maxrss`, which on Linux also counts the spawning parent's resident memory: the memory
    /// that `exec` replaces is the parent's when the child is started with `posix_spawn`).
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
            + "peakRead=\(peakAfterReadKilobytes) peakSimulate=\(peakAfterSimulateKilobytes) peak=\(peakRSSKilobytes) "
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
            let peakSimulate = value("peakSimulate").flatMap(Int.init), let peak = value("peak").flatMap(Int.init),
            let digests = value("digests")
        else { return nil }
        self.peakRSSKilobytes = peak
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
