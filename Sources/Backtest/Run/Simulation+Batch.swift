import Dispatch
import Foundation
public import Results

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
        var results: [RunResult] = []
        results.reserveCapacity(runs.count)
        try runAll(runs, data: data, progress: progress) { _, run in results.append(run) }
        return results
    }

    /// Simulations at a time that leave one core to a consumer doing heavy work meanwhile (the
    /// report writer): the writer, which cannot start before the first run is done and then
    /// takes longer than the simulations, finishes earliest when it has a core of its own from the
    /// moment the first run ends (docs/performance.md).
    public static var threadsBesideConsumer: Int { max(1, ProcessInfo.processInfo.activeProcessorCount - 1) }

    /// Runs several scenarios as `runAll(_:data:progress:)` does, on at most as many worker
    /// threads as there are cores, and hands each result to `consume` on the calling thread in
    /// the order of `runs` as soon as it and every earlier run are done, while later runs still
    /// simulate (`hedgesim compare` writes its first runs into the report meanwhile). A result is
    /// released once consumed.
    ///
    /// At most `threads + 1` runs are between their start and the end of their `consume`: a
    /// worker waits before starting a run further ahead of the consumer. A consumer slower than
    /// the simulations (the report writer) sets the pace either way, so this costs no time, and
    /// the memory of the results waiting for it stays that of a few runs whatever the number of
    /// runs (docs/performance.md, "Memory").
    ///
    /// - Parameters:
    ///   - digests: compute each run's result digest; without, `RunResult.resultDigest` is left
    ///     empty for the consumer (the report writer computes it while it writes).
    ///   - threads: simulations at a time (default: one per core). `hedgesim compare` leaves a
    ///     core to the report writer (`threadsBesideConsumer`).
    ///   - simulated: called once, on a worker thread, when the last simulation has ended
    ///     (successfully or not).
    ///   - streamed: receives (0, chunk) on the calling thread while the first run still
    ///     simulates: the rows it streams (`RunRowStream`), before `consume` gets it. The chunks
    ///     come through a queue of a few; a run that gets ahead of the consumer waits for it. Only
    ///     the first run streams: the consumer has nothing else to do while it simulates, whereas
    ///     later runs simulate while it is busy with earlier ones and, held back by a full queue,
    ///     would leave it waiting for them. Nil streams nothing.
    ///   - streamChunkRows: rows per streamed chunk.
    ///   - consume: receives (run index, result), which it owns: nothing else holds the result's
    ///     rows, so it can release them as it goes. When it or `streamed` throws, the remaining
    ///     runs stop.
    /// - Throws: the first error in run order: a run's (`SimulationCancelled` when stopped) or
    ///   `consume`'s.
    public static func runAll(
        _ runs: [(label: String, scenario: Scenario)], data: ScenarioData, progress: BatchProgress? = nil,
        digests: Bool = true, threads: Int? = nil, simulated: (@Sendable () -> Void)? = nil,
        streamed: ((Int, RunRowStream.Chunk) throws -> Void)? = nil, streamChunkRows: Int = 1024,
        consume: (Int, consuming RunResult) throws -> Void
    ) throws {
        let streams = streamed == nil || runs.isEmpty ? [] : [RunRowStream(chunkRows: streamChunkRows)]
        let workers = min(runs.count, max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount))
        let batch = Batch(count: runs.count, window: workers + 1, streams: streams)
        let group = DispatchGroup()
        for _ in 0..<workers {
            DispatchQueue.global().async(group: group) {
                while let i = batch.next() {
                    let (label, scenario) = runs[i]
                    let outcome = Result {
                        try Simulation.run(
                            scenario, data: data, label: label,
                            progress: { done, total in !batch.isStopped && (progress?(i, done, total) ?? true) },
                            digest: digests, stream: i < streams.count ? streams[i] : nil)
                    }
                    if batch.finish(i, consume outcome) { simulated?() }
                }
            }
        }
        var failure: (any Error)?
        for i in runs.indices {
            if let streamed, i < streams.count, failure == nil {
                do {
                    while let chunk = streams[i].next() { try streamed(i, chunk) }
                } catch {
                    failure = error
                    batch.stop()
                }
            }
            let outcome = batch.take(i)
            guard failure == nil else { continue }
            do {
                // Handed over, not copied: `consume` may release the result's rows as it goes.
                let run = try (consume outcome).get()
                try consume(i, consume run)
                batch.consumed()
            } catch {
                failure = error
                batch.stop()
            }
        }
        group.wait()
        if let failure { throw failure }
    }
}

/// The shared state of one `runAll`: the next run to start, the finished results, how many the
/// consumer is done with, a stop flag, the row streams (none, or the first run's).
private final class Batch: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Result<RunResult, any Error>?]
    private var started = 0
    private var finished = 0
    /// Runs the consumer is done with (a prefix of the runs).
    private var done = 0
    /// The most runs started and not yet consumed.
    private let window: Int
    private var stopped = false
    private let streams: [RunRowStream]

    init(count: Int, window: Int, streams: [RunRowStream]) {
        results = Array(repeating: nil, count: count)
        self.window = max(1, window)
        self.streams = streams
    }

    /// The next run to simulate, waiting while `window` runs are started and not yet consumed;
    /// nil when all have started or the batch stopped.
    func next() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while started < results.count && !stopped && started - done >= window { condition.wait() }
        guard started < results.count, !stopped else { return nil }
        started += 1
        return started - 1
    }

    /// The consumer is done with the next run in order.
    func consumed() {
        condition.lock()
        defer { condition.unlock() }
        done += 1
        condition.broadcast()
    }

    /// Stores a run's outcome; true for the last run to finish.
    func finish(_ i: Int, _ outcome: consuming Result<RunResult, any Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        results[i] = consume outcome
        finished += 1
        condition.broadcast()
        return finished == results.count
    }

    /// Waits for run `i`'s outcome and releases it from the batch.
    func take(_ i: Int) -> Result<RunResult, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while results[i] == nil { condition.wait() }
        let outcome = results[i]!
        results[i] = .failure(SimulationCancelled())
        return outcome
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
        stopped = true
        // A run waiting for room in its stream goes on to its next progress report and stops.
        for stream in streams { stream.cancel() }
        // Runs never started count as cancelled, so that `take` does not wait for them.
        while started < results.count {
            results[started] = .failure(SimulationCancelled())
            started += 1
            finished += 1
        }
        condition.broadcast()
    }
}
