import Bench
import Foundation
import Market
import Results
import TestSupport
import Testing

@testable import Backtest

/// `Simulation.runAll(_:data:progress:simulated:consume:)`: results handed over in run order
/// while later runs simulate, the same results as one by one, and a failing consumer stops the
/// batch with its own error.
@Suite struct BatchTests {
    struct Stop: Error, Equatable {}

    static func variants() throws -> (
        folder: String, runs: [(label: String, scenario: Scenario)], data: ScenarioData
    ) {
        let folder = NSTemporaryDirectory() + "hedgesim-batch-\(ProcessInfo.processInfo.processIdentifier)-\(UUID())"
        let files = try BenchmarkWorkload(bars: 6_000, symbols: 1, strategies: 3).write(
            to: folder, rulesDirectory: Fixtures.path("data/rules"), compressionLevel: 1)
        let runs = try (PipelineBenchmark.compareModes + ["accumulate"]).map {
            ($0, try ScenarioLoader.load(path: files.scenario, overrides: ["engine.same_direction=\($0)"]))
        }
        return (folder, runs, try ScenarioData.load(runs[0].1))
    }

    @Test func resultsArriveInRunOrderAndMatchSingleRuns() throws {
        let (folder, runs, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var order: [Int] = []
        var digests: [String] = []
        let simulated = Counter()
        try Simulation.runAll(runs, data: data, simulated: { simulated.increment() }) { i, run in
            order.append(i)
            digests.append(run.resultDigest)
            #expect(run.label == runs[i].label)
        }
        #expect(order == [0, 1, 2, 3])
        #expect(simulated.value == 1)
        let single = try runs.map { try Simulation.run($0.scenario, data: data, label: $0.label).resultDigest }
        #expect(digests == single)
        #expect(digests[0] == digests[3])
        #expect(Set(digests).count == 3)
    }

    /// One simulation at a time (as `compare` on 2 cores, beside the writer) or one per run: the
    /// same results, in the same order; without digests the results come with none.
    @Test(arguments: [1, 4])
    func threadCountsGiveTheSameResults(_ threads: Int) throws {
        let (folder, runs, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = try Simulation.runAll(runs, data: data).map(\.resultDigest)
        var digests: [String] = []
        var empty: [String] = []
        try Simulation.runAll(runs, data: data, threads: threads) { _, run in digests.append(run.resultDigest) }
        try Simulation.runAll(runs, data: data, digests: false, threads: threads) { _, run in
            empty.append(run.resultDigest)
            #expect(digests[empty.count - 1] == run.computeDigest())
        }
        #expect(digests == expected)
        #expect(empty == ["", "", "", ""])
    }

    /// A consumer slower than the simulations (the report writer) keeps at most `threads + 1`
    /// runs between their start and the end of their consumption, so that finished results do not
    /// pile up waiting for it; the results stay those of an unhindered batch.
    @Test(arguments: [1, 2])
    func aSlowConsumerHoldsBackRunsFurtherAhead(_ threads: Int) throws {
        let (folder, base, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let runs = base + base
        let expected = try Simulation.runAll(runs, data: data).map(\.resultDigest)
        let lock = NSLock()
        nonisolated(unsafe) var consumedRuns = 0
        nonisolated(unsafe) var furthest = 0
        var digests: [String] = []
        try Simulation.runAll(
            runs, data: data,
            progress: { i, _, _ in
                lock.lock()
                furthest = max(furthest, i - consumedRuns)
                lock.unlock()
                return true
            },
            threads: threads
        ) { i, run in
            // Slower than the simulations whatever the build: wait until a later run has reported
            // progress (a batch that never runs ahead of its consumer gives up after 20 s), then a
            // little longer so that the runs can get as far ahead as they may.
            let deadline = Date().addingTimeInterval(20)
            while i + 1 < runs.count, Date() < deadline {
                lock.lock()
                let ahead = furthest
                lock.unlock()
                if ahead >= 1 { break }
                Thread.sleep(forTimeInterval: 0.01)
            }
            Thread.sleep(forTimeInterval: 0.05)
            digests.append(run.resultDigest)
            lock.lock()
            consumedRuns = i + 1
            lock.unlock()
        }
        #expect(digests == expected)
        // Run i reports progress only once started; started ⇒ i < consumed + threads + 1.
        #expect(furthest <= threads)
        #expect(furthest >= 1)
    }

    /// The consumer owns each result: nothing else holds its rows, so the report writer can
    /// release them table by table. A mutable access to a table held elsewhere as well copies it.
    @Test(arguments: [1, 2])
    func theConsumerGetsTheOnlyReferenceToTheRows(_ threads: Int) throws {
        let (folder, runs, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var owned: [Bool] = []
        try Simulation.runAll(runs, data: data, digests: false, threads: threads) { _, run in
            var run = consume run
            #expect(!run.orders.isEmpty && !run.fills.isEmpty && !run.strategyPositions.isEmpty)
            owned.append(
                Self.isUnique(&run.orders) && Self.isUnique(&run.fills) && Self.isUnique(&run.strategyPositions))
        }
        #expect(owned == [true, true, true, true])
    }

    /// Whether `rows` has its storage to itself: a mutable access does not move it.
    static func isUnique<Row>(_ rows: inout [Row]) -> Bool {
        let before = rows.withUnsafeBufferPointer { $0.baseAddress }
        rows.withUnsafeMutableBufferPointer { _ in }
        return before == rows.withUnsafeBufferPointer { $0.baseAddress }
    }

    @Test func aFailingConsumerStopsTheBatchWithItsError() throws {
        let (folder, runs, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var consumed: [Int] = []
        #expect(throws: Stop()) {
            try Simulation.runAll(runs, data: data) { i, _ in
                consumed.append(i)
                if i == 1 { throw Stop() }
            }
        }
        #expect(consumed == [0, 1])
    }

    @Test func aStoppedBatchThrowsCancelled() throws {
        let (folder, runs, data) = try Self.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var consumed = 0
        #expect(throws: SimulationCancelled.self) {
            try Simulation.runAll(runs, data: data, progress: { _, _, _ in false }) { _, _ in consumed += 1 }
        }
        #expect(consumed == 0)
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() {
        lock.lock()
        count += 1
        lock.unlock()
    }
    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }
}

/// `runAll` with `streamed`: the first run's decisions and equity come in chunks while it
/// simulates, as prefixes of the arrays it ends with, and change nothing in the results.
@Suite struct StreamedBatchTests {
    @Test(arguments: [1, 4])
    func streamedChunksArePrefixesOfTheResults(_ threads: Int) throws {
        let (folder, runs, data) = try BatchTests.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = try Simulation.runAll(runs, data: data).map(\.resultDigest)
        var decisions = [[DecisionRecord]](repeating: [], count: runs.count)
        var equity = [[EquitySample]](repeating: [], count: runs.count)
        var digests: [String] = []
        try Simulation.runAll(
            runs, data: data, threads: threads,
            streamed: { i, chunk in
                #expect(digests.isEmpty && i == 0)
                #expect(chunk.count == 7)
                switch chunk {
                case .decisions(let rows): decisions[i] += rows
                case .equity(let rows): equity[i] += rows
                }
            }, streamChunkRows: 7
        ) { i, run in
            #expect(decisions[i].isEmpty == (i > 0) && equity[i].isEmpty == (i > 0))
            #expect(decisions[i] == Array(run.decisions.prefix(decisions[i].count)))
            #expect(equity[i] == Array(run.equity.prefix(equity[i].count)))
            #expect(i > 0 || run.decisions.count - decisions[i].count < 7)
            #expect(i > 0 || run.equity.count - equity[i].count < 7)
            digests.append(run.resultDigest)
        }
        #expect(digests == expected)
    }

    /// A writer that fails on a streamed chunk stops the batch with its error, also when the
    /// run waits for room in its stream.
    @Test func aFailingStreamConsumerStopsTheBatch() throws {
        let (folder, runs, data) = try BatchTests.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var consumed = 0
        var chunks = 0
        #expect(throws: BatchTests.Stop()) {
            try Simulation.runAll(
                runs, data: data, threads: 4,
                streamed: { _, _ in
                    usleep(1_000)
                    chunks += 1
                    if chunks == 12 { throw BatchTests.Stop() }
                }, streamChunkRows: 1
            ) { _, _ in consumed += 1 }
        }
        #expect(consumed == 0)
        #expect(chunks == 12)
    }

    /// Decisions are streamed only when they come in sequence order: skipped signals first, then
    /// the decided ones in arrival order.
    @Test func decisionsInOrderNeedsIncreasingSequences() throws {
        let (folder, runs, data) = try BatchTests.variants()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = runs
        let signals = Array(data.signals.prefix(3))
        #expect(Simulation.decisionsInOrder(skipped: [], decided: signals))
        #expect(Simulation.decisionsInOrder(skipped: [signals[0]], decided: Array(signals[1...])))
        #expect(!Simulation.decisionsInOrder(skipped: [signals[1]], decided: [signals[0], signals[2]]))
        #expect(!Simulation.decisionsInOrder(skipped: [], decided: [signals[0], signals[0]]))
    }
}
