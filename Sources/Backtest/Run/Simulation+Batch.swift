import Dispatch
import Foundation

extension Simulation {
    /// Progress of a batch: (run index, bars done in that run, its total bars); return false to
    /// stop every run.
    public typealias BatchProgress = @Sendable (Int, Int, Int) -> Bool

    /// Runs several scenarios on the same loaded data, in parallel on all cores, as
    /// `hedgesim compare` does (one run per task; the data is shared, never copied).
    ///
    /// - Returns: the results in the order of `runs`.
    /// - Throws: the first run's error in that order (`SimulationCancelled` when stopped).
    public static func runAll(
        _ runs: [(label: String, scenario: Scenario)], data: ScenarioData, progress: BatchProgress? = nil
    ) throws -> [RunResult] {
        let lock = NSLock()
        nonisolated(unsafe) var results = [Result<RunResult, any Error>?](repeating: nil, count: runs.count)
        DispatchQueue.concurrentPerform(iterations: runs.count) { i in
            let (label, scenario) = runs[i]
            let outcome = Result {
                try Simulation.run(scenario, data: data, label: label) { done, total in
                    progress?(i, done, total) ?? true
                }
            }
            lock.lock()
            results[i] = outcome
            lock.unlock()
        }
        return try results.map { try $0!.get() }
    }
}
