public import Backtest
import Dispatch
import Exchange
import Foundation
import Market
public import Results
import TradeEngine

/// A sweep's runs, simulated: the plan, the base scenario and each run's summary in run order.
public struct SweepOutcome: Sendable {
    public var spec: SweepSpec
    public var plan: SweepPlan
    /// The base scenario's name (with the command's `--set` values).
    public var scenarioName: String
    /// The data digest of the inputs (shared by every run).
    public var dataDigest: String
    /// Bars of the whole range over every symbol.
    public var barCount: Int
    /// One per run, in `plan.runs` order.
    public var runs: [SweepRunSummary]
    /// Bars simulated over every run.
    public var simulatedBars: Int
}

/// Runs a sweep: loads the base scenario's data once, builds the plan and simulates every run in
/// parallel on all cores. Every run reads the same klines and signals (windows and strategy
/// sets are views cut from them once, `ScenarioData.restricted`); a finished run is reduced to
/// its `SweepRunSummary` at once, so memory does not grow with the number of runs beyond the
/// summaries.
public enum SweepRunner {
    /// The loaded inputs and the plan, without running (`hedgesim sweep --plan`).
    public struct Prepared: Sendable {
        public var spec: SweepSpec
        public var plan: SweepPlan
        public var scenario: Scenario
        public var data: ScenarioData
        /// Each point's scenario, in `plan.points` order.
        public var scenarios: [Scenario]

        /// Each run's expected work (`SweepShard.expectedWork`), in `plan.runs` order.
        public var expectedWork: [Int] {
            SweepShard.expectedWork(plan, symbols: data.markets.count, interval: scenario.data.interval)
        }

        /// The runs of each of `count` shards (indices into `plan.runs`).
        public func shardRuns(_ count: Int) -> [[Int]] { SweepShard.partition(work: expectedWork, count: count) }
    }

    /// Loads the base scenario (with `overrides`), its data and each point's scenario, and builds
    /// the plan.
    ///
    /// - Throws: `ScenarioError` (a grid value a scenario refuses is reported at the grid
    ///   key's line of the sweep file), `ScenarioDataError`.
    public static func prepare(_ spec: SweepSpec, overrides: [String] = []) throws -> Prepared {
        let base = try ScenarioLoader.load(path: spec.scenarioPath, overrides: overrides)
        for axis in spec.grid {
            for value in axis.values {
                do {
                    _ = try ScenarioLoader.load(
                        path: spec.scenarioPath, overrides: overrides + ["\(axis.key)=\(value)"])
                } catch {
                    throw ScenarioError(
                        error.kind == .missingFile ? .missingFile : .invalid, file: spec.file, line: axis.line,
                        message: "`grid.\(axis.key)`: \(error.message)", value: value)
                }
            }
        }
        let data = try ScenarioData.load(base)
        let first = data.markets.compactMap { $0.klines.openTimes.first }.min() ?? 0
        let last = data.markets.compactMap { $0.klines.openTimes.last }.max() ?? 0
        var strategies: [String] = []
        for recorded in data.signals + data.skipped.map(\.signal)
        where !strategies.contains(recorded.signal.strategyID) {
            strategies.append(recorded.signal.strategyID)
        }
        strategies.sort()
        let plan = SweepPlan(
            spec: spec, start: Timestamp(milliseconds: first), lastOpen: Timestamp(milliseconds: last),
            interval: base.data.interval, strategies: strategies)
        var scenarios: [Scenario] = []
        for point in plan.points {
            scenarios.append(try ScenarioLoader.load(path: spec.scenarioPath, overrides: overrides + point.overrides))
        }
        return Prepared(spec: spec, plan: plan, scenario: base, data: data, scenarios: scenarios)
    }

    /// Simulates every run of a prepared sweep.
    ///
    /// - Parameters:
    ///   - threads: simulations at a time (default: one per core).
    ///   - progress: called after each run with (runs done, runs total); from worker threads.
    ///   - isCancelled: asked every few thousand bars by each run; true stops the sweep.
    ///   - consume: when given, receives every run's full result (run index from 0, result) on
    ///     the calling thread in plan order as soon as it and every earlier run are done
    ///     (`report.detail: full` writes it into the report). Runs start at most two per worker
    ///     ahead of the last one consumed, so the results held at a time do not grow with the
    ///     number of runs. When it throws, the remaining runs stop.
    /// - Throws: the first failing run's error in run order (`SimulationCancelled` when stopped),
    ///   or `consume`'s.
    public static func run(
        _ prepared: Prepared, threads: Int? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }, consume: ((Int, RunResult) throws -> Void)? = nil
    ) throws -> SweepOutcome {
        let summaries = try simulate(
            prepared, runs: Array(prepared.plan.runs.indices), threads: threads, progress: progress,
            isCancelled: isCancelled, consume: consume)
        return SweepOutcome(
            spec: prepared.spec, plan: prepared.plan, scenarioName: prepared.scenario.name,
            dataDigest: prepared.data.digest, barCount: prepared.data.barCount, runs: summaries,
            simulatedBars: summaries.reduce(0) { $0 + $1.bars })
    }

    /// Simulates one shard's runs (`SweepShard.partition`) of a prepared sweep.
    ///
    /// - Returns: The shard's runs (indices into `plan.runs`, ascending) and their summaries.
    /// - Throws: as `run`.
    public static func run(
        _ prepared: Prepared, shard: SweepShard, threads: Int? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> (runs: [Int], summaries: [SweepRunSummary]) {
        let runs = prepared.shardRuns(shard.count)[shard.index]
        let summaries = try simulate(
            prepared, runs: runs, threads: threads, progress: progress, isCancelled: isCancelled)
        return (runs, summaries)
    }

    /// Simulates the runs at `indices` of `plan.runs`; their summaries in that order.
    static func simulate(
        _ prepared: Prepared, runs indices: [Int], threads: Int?, progress: (@Sendable (Int, Int) -> Void)?,
        isCancelled: @escaping @Sendable () -> Bool, consume: ((Int, RunResult) throws -> Void)? = nil
    ) throws -> [SweepRunSummary] {
        let plan = prepared.plan
        let interval = prepared.scenario.data.interval
        // The data of each (strategy set, window), cut once from the loaded data.
        var cuts: [[ScenarioData]] = []
        for excluded in plan.excluded {
            cuts.append(
                plan.windows.map { window in
                    if window.isWholeRange && excluded.isEmpty { return prepared.data }
                    return prepared.data.restricted(
                        from: window.isWholeRange ? nil : window.start,
                        through: window.isWholeRange ? nil : window.lastOpen, interval: interval,
                        excludingStrategies: excluded)
                })
        }
        let runs = indices.map { plan.runs[$0] }
        let workers = min(runs.count, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let state = SweepState(count: runs.count, ahead: consume == nil ? nil : 2 * workers)
        let group = DispatchGroup()
        let scenarios = prepared.scenarios
        let shared = cuts
        let keepsResults = consume != nil
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let i = state.next() {
                    guard !isCancelled() else {
                        state.finish(i, .failure(SimulationCancelled()), result: nil)
                        break
                    }
                    let run = runs[i]
                    let window = plan.windows[run.window]
                    var scenario = scenarios[run.point]
                    if !window.isWholeRange {
                        scenario.data.start = window.start
                        scenario.data.end = window.lastOpen
                    }
                    var full: RunResult?
                    let outcome = Result { () throws -> SweepRunSummary in
                        let result = try Simulation.run(
                            scenario, data: shared[run.strategySet][run.window], label: scenario.name,
                            progress: { _, _ in !state.isStopped && !isCancelled() })
                        if keepsResults { full = result }
                        return SweepRunSummary(result)
                    }
                    let done = state.finish(i, outcome, result: full)
                    progress?(done, runs.count)
                }
            }
        }
        var failure: (any Error)?
        if let consume {
            for i in runs.indices {
                guard let result = state.take(i), failure == nil else { continue }
                do {
                    try consume(i, result)
                } catch {
                    failure = error
                    state.stop()
                }
            }
        }
        group.wait()
        if let failure { throw failure }
        return try state.results()
    }
}

/// The shared state of a sweep's workers: the next run, the finished summaries (and, for a
/// consumer, the full results not consumed yet), a stop flag.
private final class SweepState: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcomes: [Result<SweepRunSummary, any Error>?]
    private var pending: [Int: RunResult] = [:]
    private var started = 0
    private var finished = 0
    private var consumed = 0
    private var stopped = false
    /// Runs started at most this many ahead of the last consumed (nil: no consumer, no limit).
    private let ahead: Int?

    init(count: Int, ahead: Int?) {
        outcomes = Array(repeating: nil, count: count)
        self.ahead = ahead
    }

    /// The next run to simulate (waiting while the consumer is `ahead` runs behind), nil when
    /// all have started or the sweep stopped.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while let ahead, !stopped, started < outcomes.count, started >= consumed + ahead { condition.wait() }
        guard started < outcomes.count, !stopped else { return nil }
        started += 1
        return started - 1
    }

    /// Stores an outcome (a failure stops the runs not started); returns the runs finished.
    @discardableResult
    func finish(_ i: Int, _ outcome: Result<SweepRunSummary, any Error>, result: RunResult?) -> Int {
        condition.lock()
        defer { condition.unlock() }
        outcomes[i] = outcome
        if let result { pending[i] = result }
        finished += 1
        if case .failure = outcome { stopLocked() }
        condition.broadcast()
        return finished
    }

    /// Waits for run `i` and hands over its full result (nil when it failed or was stopped).
    func take(_ i: Int) -> RunResult? {
        condition.lock()
        defer { condition.unlock() }
        while outcomes[i] == nil { condition.wait() }
        consumed = i + 1
        condition.broadcast()
        return pending.removeValue(forKey: i)
    }

    var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Stops the runs in progress (at their next progress report) and those not started.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopLocked()
    }

    private func stopLocked() {
        stopped = true
        // Runs never started count as cancelled, so that `take` does not wait for them.
        while started < outcomes.count {
            outcomes[started] = .failure(SimulationCancelled())
            started += 1
            finished += 1
        }
        condition.broadcast()
    }

    /// Every summary in run order, or the first error in run order.
    func results() throws -> [SweepRunSummary] {
        condition.lock()
        defer { condition.unlock() }
        // A run's own failure first: the runs it stopped report a cancellation.
        for case .failure(let error)? in outcomes where !(error is SimulationCancelled) { throw error }
        var summaries: [SweepRunSummary] = []
        summaries.reserveCapacity(outcomes.count)
        for outcome in outcomes {
            guard let outcome else { throw SimulationCancelled() }
            summaries.append(try outcome.get())
        }
        return summaries
    }
}
