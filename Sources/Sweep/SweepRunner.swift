public import Backtest
import Dispatch
import Exchange
import Foundation
import Market
import Results
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
    /// - Throws: the first failing run's error in run order (`SimulationCancelled` when stopped).
    public static func run(
        _ prepared: Prepared, threads: Int? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil,
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) throws -> SweepOutcome {
        let summaries = try simulate(
            prepared, runs: Array(prepared.plan.runs.indices), threads: threads, progress: progress,
            isCancelled: isCancelled)
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
        isCancelled: @escaping @Sendable () -> Bool
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
        let state = SweepState(count: runs.count)
        let workers = min(runs.count, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let group = DispatchGroup()
        let scenarios = prepared.scenarios
        let shared = cuts
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while !isCancelled(), let i = state.next() {
                    let run = runs[i]
                    let window = plan.windows[run.window]
                    var scenario = scenarios[run.point]
                    if !window.isWholeRange {
                        scenario.data.start = window.start
                        scenario.data.end = window.lastOpen
                    }
                    let outcome = Result { () throws -> SweepRunSummary in
                        let result = try Simulation.run(
                            scenario, data: shared[run.strategySet][run.window], label: scenario.name,
                            progress: { _, _ in !state.isStopped && !isCancelled() })
                        return SweepRunSummary(result)
                    }
                    let done = state.finish(i, outcome)
                    progress?(done, runs.count)
                }
            }
        }
        group.wait()
        return try state.results()
    }
}

/// The shared state of a sweep's workers: the next run, the finished summaries, a stop flag.
private final class SweepState: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<SweepRunSummary, any Error>?]
    private var started = 0
    private var finished = 0
    private var stopped = false

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard started < outcomes.count, !stopped else { return nil }
        started += 1
        return started - 1
    }

    /// Stores an outcome (a failure stops the runs not started); returns the runs finished.
    func finish(_ i: Int, _ outcome: Result<SweepRunSummary, any Error>) -> Int {
        lock.lock()
        defer { lock.unlock() }
        outcomes[i] = outcome
        finished += 1
        if case .failure = outcome { stopped = true }
        return finished
    }

    var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Every summary in run order, or the first error in run order.
    func results() throws -> [SweepRunSummary] {
        lock.lock()
        defer { lock.unlock() }
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
