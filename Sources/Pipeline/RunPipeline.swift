import Backtest
import Foundation
import Reports
import Results
import Statistics

/// The run-and-report pipeline behind `hedgesim run` and `hedgesim compare` (and the measured
/// pass of `hedgesim bench run`): load the scenario and its data, simulate every variant in
/// parallel, write each finished run into the SQLite report while later ones still simulate,
/// record the wall times, export CSV and HTML when asked, and render the summary.
///
/// The report appears at its path only once complete: a failed or cancelled run leaves no file
/// (and an existing report untouched). The wall times are measured here, outside the engine;
/// they reach only the report's `run_timings` table, never a result or a digest.
public enum RunPipeline {
    /// Runs `request`.
    ///
    /// - Parameters:
    ///   - request: the scenario, its variants and the outputs.
    ///   - events: told what happens (see `RunEvent`); called from several threads.
    ///   - isCancelled: asked once the data is loaded and every few thousand bars by each
    ///     simulation; once it returns true the run stops and throws `SimulationCancelled`.
    /// - Returns: the runs stored, the wall times, the files written and the summary.
    /// - Throws: `ScenarioError` (scenario file or override), `ScenarioDataError` (its data),
    ///   `ReportError` (the report, its exports), `RunRequestError` (no variants),
    ///   `SimulationCancelled`.
    public static func run(
        _ request: RunRequest, events: (@Sendable (RunEvent) -> Void)? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> RunOutcome {
        guard !request.variants.isEmpty else { throw RunRequestError("nothing to run") }
        let clock = ContinuousClock()
        let start = clock.now
        let base = try ScenarioLoader.load(path: request.scenarioPath, overrides: request.overrides)
        var variants: [(label: String, scenario: Scenario)] = []
        for variant in request.variants {
            let scenario = try ScenarioLoader.load(
                path: request.scenarioPath, overrides: request.overrides + variant.overrides)
            variants.append((variant.label ?? scenario.name, scenario))
        }
        let data = try ScenarioData.load(base)
        var timings = PipelineTimings()
        timings.read = TextFormat.seconds(clock.now - start)
        if isCancelled() { throw SimulationCancelled() }
        let total = data.barCount * variants.count
        events?(.loaded(scenario: base.name, bars: total))

        let path = request.reportPath ?? base.report.path
        let session = try ReportSession(path: path)
        let lock = NSLock()
        nonisolated(unsafe) var doneByRun = [Int](repeating: 0, count: variants.count)
        var runs: [StoredRun] = []
        var writer = Duration.zero
        let simulateStart = clock.now
        nonisolated(unsafe) var simulateEnd = simulateStart
        try Simulation.runAll(
            variants, data: data,
            progress: { i, done, _ in
                lock.lock()
                doneByRun[i] = done
                let sum = doneByRun.reduce(0, +)
                lock.unlock()
                events?(.progress(done: sum, total: total))
                return !isCancelled()
            },
            digests: false,
            threads: request.threads ?? Simulation.threadsBesideConsumer,
            simulated: {
                lock.lock()
                simulateEnd = clock.now
                lock.unlock()
                events?(.lastSimulationEnded)
            },
            consume: { _, run in
                let writeStart = clock.now
                let stored = try session.append(run)
                writer += clock.now - writeStart
                runs.append(
                    StoredRun(
                        id: stored.id, label: run.label, resultDigest: stored.resultDigest, bars: run.bars,
                        signals: run.signalCounts.decided, executed: run.decisions.count { $0.status == "executed" },
                        fills: run.fills.count))
            })
        events?(.allRunsWritten)
        let finishStart = clock.now
        try session.finish()
        writer += clock.now - finishStart
        lock.lock()
        let simulated = simulateEnd
        lock.unlock()
        timings.simulate = TextFormat.seconds(simulated - simulateStart)
        timings.write = TextFormat.seconds(writer)
        let ids = runs.map(\.id)
        let row = RunTimings(read: timings.read, simulate: timings.simulate, report: timings.write)
        for id in ids {
            try ReportWriter.updateTimings(row, runID: id, at: path)
        }
        if ids.count > 1 {
            try CompareVsFirst.write(
                try comparisons(dbPath: path, runIDs: ids, statistics: base.statistics), at: path)
        }
        timings.reportAfterSimulate = TextFormat.seconds(clock.now - simulated)

        var csvFiles: [String] = []
        if let csv = request.csvDirectory {
            csvFiles = try ReportExporter.export(database: path, runIDs: ids, to: csv)
        }
        var html: (path: String, bytes: Int)?
        if let htmlPath = request.htmlPath {
            html = (htmlPath, try HTMLReport.write(dbPath: path, options: HTMLReportOptions(runIDs: ids), to: htmlPath))
        }
        let summaryStart = clock.now
        let summary = try ReportSummary.render(dbPath: path, runIDs: ids)
        timings.summary = TextFormat.seconds(clock.now - summaryStart)
        return RunOutcome(
            scenario: base.name, reportPath: path, runs: runs, barCount: data.barCount, timings: timings,
            csvFiles: csvFiles, html: html, summary: summary)
    }

    /// Each run after the first against the first: the paired block bootstrap of their daily net
    /// PnL with the scenario's `statistics.bootstrap` settings (docs/statistics.md).
    static func comparisons(
        dbPath: String, runIDs: [Int64], statistics: Scenario.StatisticsSection
    ) throws(ReportError) -> [CompareVsFirst.Row] {
        let daily = try CompareVsFirst.dailyNet(dbPath: dbPath, runIDs: runIDs)
        let settings = BootstrapSettings(
            resamples: statistics.resamples, blockLength: statistics.blockDays, seed: statistics.seed)
        var rows: [CompareVsFirst.Row] = []
        for index in runIDs.indices.dropFirst() {
            let result: PairedComparison
            do {
                result = try PairedBootstrap.compare(candidate: daily[index], baseline: daily[0], settings: settings)
            } catch {
                throw ReportError(
                    .usage, "\(dbPath): cannot compare run \(runIDs[index]) with run \(runIDs[0]) (\(error))")
            }
            let total = result.totalInterval
            rows.append(
                CompareVsFirst.Row(
                    runID: runIDs[index], baselineRunID: runIDs[0], days: result.days, deltaNet: result.totalDelta,
                    ciLow: total?.lowerBound, ciHigh: total?.upperBound, pValue: result.pValue,
                    daysWon: result.daysWon, resamples: settings.resamples, blockDays: settings.blockLength,
                    seed: settings.seed))
        }
        return rows
    }
}
