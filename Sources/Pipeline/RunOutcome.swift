import Foundation

/// One run as stored in the report, with the counts a benchmark prints.
public struct StoredRun: Sendable, Hashable {
    /// The run id in the report.
    public var id: Int64
    /// The run's label.
    public var label: String
    /// The result digest (computed while the run was written).
    public var resultDigest: String
    /// Bar steps simulated.
    public var bars: Int
    /// Signals decided.
    public var signals: Int
    /// Signals executed.
    public var executed: Int
    /// Fills, liquidations included.
    public var fills: Int

    public init(id: Int64, label: String, resultDigest: String, bars: Int, signals: Int, executed: Int, fills: Int) {
        self.id = id
        self.label = label
        self.resultDigest = resultDigest
        self.bars = bars
        self.signals = signals
        self.executed = executed
        self.fills = fills
    }
}

/// Wall times of one `RunPipeline.run`, in seconds. They never reach a result: only the report's
/// `run_timings` table holds them.
public struct PipelineTimings: Sendable, Hashable {
    /// Scenario and data loading.
    public var read = 0.0
    /// From the start of the simulations to the end of the last one.
    public var simulate = 0.0
    /// The report writer's whole time (every run's rows and the finished file), part of which
    /// overlaps later runs' simulation.
    public var write = 0.0
    /// From the end of the last simulation until the report is finished (with its timings rows).
    public var reportAfterSimulate = 0.0
    /// Rendering the summary from the report.
    public var summary = 0.0

    public init() {}
}

/// What `RunPipeline.run` produced.
public struct RunOutcome: Sendable {
    /// The scenario's name.
    public var scenario: String
    /// The SQLite report.
    public var reportPath: String
    /// The runs, in report order.
    public var runs: [StoredRun]
    /// Bars per run (over all symbols).
    public var barCount: Int
    /// The wall times.
    public var timings: PipelineTimings
    /// The CSV files written, when the request asked for them.
    public var csvFiles: [String]
    /// The HTML report and its size in bytes, when the request asked for it.
    public var html: (path: String, bytes: Int)?
    /// The terminal summary (what `hedgesim report` prints for these runs).
    public var summary: String

    public init(
        scenario: String, reportPath: String, runs: [StoredRun], barCount: Int, timings: PipelineTimings,
        csvFiles: [String], html: (path: String, bytes: Int)?, summary: String
    ) {
        self.scenario = scenario
        self.reportPath = reportPath
        self.runs = runs
        self.barCount = barCount
        self.timings = timings
        self.csvFiles = csvFiles
        self.html = html
        self.summary = summary
    }

    /// The run ids, in report order.
    public var runIDs: [Int64] { runs.map(\.id) }

    /// Bar steps per second of the simulation (0 when it took no measurable time).
    public var barsPerSecond: Double {
        timings.simulate > 0 ? Double(barCount * runs.count) / timings.simulate : 0
    }

    /// The line `hedgesim run` prints under the summary: the report, the phase times and the
    /// speed, and the HTML page when one was written.
    public var footer: String {
        var text =
            "report \(reportPath)  ·  read \(TextFormat.seconds(timings.read))  "
            + "simulate \(TextFormat.seconds(timings.simulate))  write \(TextFormat.seconds(timings.write))  ·  "
            + "\(TextFormat.grouped(Int(barsPerSecond))) bars/s"
        if let html {
            text += "  ·  html \(html.path) (\(TextFormat.grouped(html.bytes / 1024)) KB)"
        }
        return text
    }
}
