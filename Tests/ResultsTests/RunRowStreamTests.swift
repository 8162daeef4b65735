import Dispatch
import Foundation
import Market
import Results
import Testing

/// `RunRowStream`: chunks in the order sent, a bounded queue that holds the producer back, and
/// close and cancel ending both sides.
@Suite struct RunRowStreamTests {
    static func equity(_ n: Int) -> EquitySample {
        EquitySample(
            time: Timestamp(milliseconds: Int64(n) * 60_000), wallet: Money(raw: Int64(n)), unrealized: .zero,
            margin: .zero, equity: Money(raw: Int64(n)), drawdown: .zero, drawdownFraction: 0)
    }

    static func times(_ chunk: RunRowStream.Chunk?) -> [Int64] {
        guard case .equity(let rows) = chunk else { return [] }
        return rows.map { $0.time.milliseconds / 60_000 }
    }

    @Test func chunksArriveInOrderThenNilAfterClose() {
        let stream = RunRowStream(chunkRows: 2, capacity: 4)
        stream.send(.equity([Self.equity(1), Self.equity(2)]))
        stream.send(.equity([Self.equity(3)]))
        stream.close()
        stream.send(.equity([Self.equity(4)]))
        #expect(stream.waiting == 2)
        #expect(Self.times(stream.next()) == [1, 2])
        #expect(Self.times(stream.next()) == [3])
        #expect(stream.next() == nil)
        #expect(stream.next() == nil)
    }

    /// A producer ahead of the consumer waits once `capacity` chunks are waiting; the consumer
    /// still gets every chunk, in order.
    @Test func aFullQueueHoldsTheProducerBack() {
        let stream = RunRowStream(chunkRows: 1, capacity: 2)
        let sent = ManagedCounter()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for n in 1...6 {
                stream.send(.equity([Self.equity(n)]))
                sent.increment()
            }
            stream.close()
            done.signal()
        }
        var waited = 0
        while sent.value < 2 && waited < 5_000 {
            usleep(1_000)
            waited += 1
        }
        usleep(50_000)
        #expect(sent.value == 2)
        #expect(stream.waiting == 2)
        var received: [Int64] = []
        while let chunk = stream.next() {
            #expect(stream.waiting <= 2)
            received += Self.times(chunk)
        }
        done.wait()
        #expect(received == [1, 2, 3, 4, 5, 6])
    }

    /// Cancelling from the writer's side releases a waiting producer and drops what it sends.
    @Test func cancelReleasesAWaitingProducer() {
        let stream = RunRowStream(chunkRows: 1, capacity: 1)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for n in 1...5 { stream.send(.equity([Self.equity(n)])) }
            done.signal()
        }
        usleep(20_000)
        stream.cancel()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(stream.waiting == 0)
        #expect(stream.next() == nil)
    }

    /// The feed sends a chunk per `chunkRows` new rows (never the tail, which the writer takes
    /// from the finished run), and decisions only when they come in sequence order.
    @Test func theFeedSendsFullChunksOnly() {
        let stream = RunRowStream(chunkRows: 2, capacity: 8)
        var feed = RunRowFeed(stream: stream, decisionsInOrder: false)
        var equity: [EquitySample] = []
        for n in 1...5 {
            equity.append(Self.equity(n))
            feed.equitySampled(equity)
        }
        feed.decisionsMade([])
        #expect(feed.equitySent == 4)
        #expect(!feed.streamsDecisions)
        stream.close()
        #expect(Self.times(stream.next()) == [1, 2])
        #expect(Self.times(stream.next()) == [3, 4])
        #expect(stream.next() == nil)
        #expect(!RunRowFeed(stream: nil, decisionsInOrder: true).streamsDecisions)
        #expect(RunRowFeed(stream: stream, decisionsInOrder: true).streamsDecisions)
    }
}

/// A counter shared between threads.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }

    var value: Int { lock.withLock { count } }
}
