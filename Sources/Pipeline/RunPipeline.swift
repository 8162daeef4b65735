import Backtest
import Foundation
import Market
import Reports
import Results
import Statistics

/// The run-and-report pipeline behind `hedgesim run` and `hedgesim compare` (and the measured
/// pass of `hedgesim bench run`): load the scenario and its data, simulate every variant in
/// parallel, write each finished run into the SQLite report while later ones still simulate,
/// record the wall times, export CSV and HTML when asked, and render the summary.
///
/// The report appears at its path only once complete: a failed or cancelled run leaves no file
/// (and an existing report untouched). Every output path is checked before the data is read
/// (`OutputFile`: a regular file or absent, not an input, not another output) and the report's
/// lock is held from then to the end. The wall times are measured here, outside the engine;
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
    ///   `ReportError` (the report, its exports; `.output` for an output path refused or
    ///   locked), `RunRequestError` (no variants), `SimulationCancelled` (stopped before the report
    ///   was in place, which is then untouched), `RunInterrupted` (stopped after it).
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
        let path = request.reportPath ?? base.report.path
        let output: OutputFile
        do throws(OutputFileError) {
            try OutputFile.requireDistinct(outputs: request.outputs(reportPath: path), inputs: Self.inputs(of: base))
            if let html = request.htmlPath { try OutputFile.resolve(html) }
            output = try OutputFile(path: path, role: "report", wait: request.wait, isCancelled: isCancelled)
        } catch {
            throw ReportError(error)
        }
        // The klines stream through the runs; `HEDGESIM_LOAD_WHOLE=1` loads them whole first, as
        // before (the same results: for measuring one against the other).
        let data = try ScenarioData.load(
            base, streaming: ProcessInfo.processInfo.environment["HEDGESIM_LOAD_WHOLE"] != "1")
        var timings = PipelineTimings()
        timings.read = TextFormat.seconds(clock.now - start)
        ProcessMemory.mapLargeBlocks()
        if isCancelled() { throw SimulationCancelled() }
        let total = data.barCount * variants.count
        events?(.loaded(scenario: base.name, bars: total))

        let session = try ReportSession(path: path, output: output, indexes: base.report.indexes)
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
            streamed: { _, chunk in
                let writeStart = clock.now
                try session.stream(chunk)
                writer += clock.now - writeStart
            },
            consume: { _, run in
                let label = run.label
                let bars = run.bars
                let signals = run.signalCounts.decided
                let executed = run.decisions.count { $0.status == "executed" }
                let fills = run.fills.count
                let writeStart = clock.now
                // Handed over: the writer releases the run's rows table by table as it writes them.
                let stored = try session.append(consume run)
                writer += clock.now - writeStart
                runs.append(
                    StoredRun(
                        id: stored.id, label: label, resultDigest: stored.resultDigest, bars: bars,
                        signals: signals, executed: executed, fills: fills))
            })
        events?(.allRunsWritten)
        let finishStart = clock.now
        do {
            try session.finish(isCancelled: isCancelled)
        } catch {
            if error.kind == .output(.cancelled) { throw SimulationCancelled() }
            throw error
        }
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
        var html: (path: String, bytes: Int)?
        do {
            if let csv = request.csvDirectory {
                csvFiles = try ReportExporter.export(
                    database: path, runIDs: ids, to: csv, wait: request.wait, isCancelled: isCancelled)
            }
            if let htmlPath = request.htmlPath {
                let bytes = try HTMLReport.write(
                    dbPath: path, options: HTMLReportOptions(runIDs: ids), to: htmlPath, wait: request.wait,
                    isCancelled: isCancelled)
                html = (htmlPath, bytes)
            }
        } catch {
            if error.kind == .output(.cancelled) { throw RunInterrupted(reportPath: path) }
            throw error
        }
        if isCancelled() { throw RunInterrupted(reportPath: path) }
        let summaryStart = clock.now
        let summary = try ReportSummary.render(dbPath: path, runIDs: ids)
        timings.summary = TextFormat.seconds(clock.now - summaryStart)
        return RunOutcome(
            scenario: base.name, reportPath: path, runs: runs, barCount: data.barCount, timings: timings,
            csvFiles: csvFiles, html: html, summary: summary)
    }

    /// The scenario's input files, for the same-file check: the scenario, its data and signals.
    static func inputs(of scenario: Scenario) -> [(role: String, path: String)] {
        let d = scenario.data
        var inputs: [(role: String, path: String)] = [("the scenario", scenario.file)]
        inputs += (d.klines + d.markKlines + d.detailKlines).map { ("the kline file", $0.path) }
        inputs += d.funding.map { ("the funding file", $0.path) }
        inputs.append(("the symbol rules", d.symbolRules))
        if let brackets = d.leverageBrackets { inputs.append(("the leverage brackets", brackets)) }
        inputs += scenario.signals.map { ("the signal file", $0) }
        return inputs
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
