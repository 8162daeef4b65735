import Foundation

/// Rows of one run that are final while the run still simulates, handed from the simulation's
/// thread to the report writer's in chunks through a bounded queue (docs/performance.md,
/// "Writing while simulating").
///
/// The simulation sends each streamed table's rows in their table order, as a prefix of the
/// arrays its `RunResult` ends with; the writer stores them as they come and, once the run is
/// done, only the rows after that prefix. Whatever the timing, each table gets the same rows in
/// the same order, so the report's content does not depend on it. At most `capacity` chunks wait
/// in the queue: a producer that gets that far ahead waits for the writer (backpressure), so the
/// memory between the two stays bounded.
public final class RunRowStream: @unchecked Sendable {
    /// A batch of rows of one streamed table.
    public enum Chunk: Sendable {
        /// `signal_decisions` rows, in sequence order.
        case decisions([DecisionRecord])
        /// `equity` rows, in time order.
        case equity([EquitySample])

        /// The number of rows.
        public var count: Int {
            switch self {
            case .decisions(let rows): rows.count
            case .equity(let rows): rows.count
            }
        }
    }

    /// Rows per chunk the simulation sends.
    public let chunkRows: Int
    /// The most chunks waiting at a time.
    public let capacity: Int
    private let condition = NSCondition()
    /// The chunks sent and not yet taken, oldest first from `head`.
    private var queue: [Chunk] = []
    private var head = 0
    private var closed = false
    private var cancelled = false

    /// A stream of chunks of `chunkRows` rows (at least 1; the default is a multiple of the
    /// writer's 32-row inserts), holding at most `capacity` chunks (at least 1) at a time.
    public init(chunkRows: Int = 1024, capacity: Int = 8) {
        self.chunkRows = max(1, chunkRows)
        self.capacity = max(1, capacity)
    }

    /// Sends a chunk; waits while `capacity` chunks are waiting. Dropped once the stream is
    /// closed or cancelled.
    public func send(_ chunk: Chunk) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= capacity && !cancelled && !closed { condition.wait() }
        guard !cancelled, !closed else { return }
        queue.append(chunk)
        condition.broadcast()
    }

    /// Ends the stream (the producer has nothing more to send, or failed): `next` returns the
    /// chunks still waiting, then nil.
    public func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// Gives up on the stream from the writer's side: waiting and later sends return at once and
    /// their chunks are dropped, as are the ones waiting.
    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        queue = []
        head = 0
        condition.broadcast()
    }

    /// The next chunk, waiting for one; nil once the stream is closed and drained, or cancelled.
    public func next() -> Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while head == queue.count && !closed && !cancelled { condition.wait() }
        guard head < queue.count, !cancelled else { return nil }
        let chunk = queue[head]
        head += 1
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return chunk
    }

    /// The chunks waiting now (tests).
    public var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count - head
    }
}

/// What the simulation has streamed of a run so far: the rows it sent of each streamed table,
/// and the sending itself (owned by the simulation's thread).
public struct RunRowFeed {
    /// Where the chunks go; nil streams nothing.
    public let stream: RunRowStream?
    /// Whether decisions are streamed: only when the run makes them in sequence order (the order
    /// of the table), known before it starts.
    public let streamsDecisions: Bool
    /// Rows of each table sent so far.
    public private(set) var decisionsSent = 0
    public private(set) var equitySent = 0

    /// A feed into `stream`; `decisionsInOrder` says whether the run's decisions are made in
    /// sequence order.
    public init(stream: RunRowStream?, decisionsInOrder: Bool) {
        self.stream = stream
        self.streamsDecisions = stream != nil && decisionsInOrder
    }

    /// Sends the decisions made since the last chunk once there are a chunk's worth.
    @inline(__always) public mutating func decisionsMade(_ decisions: [DecisionRecord]) {
        guard streamsDecisions, let stream, decisions.count - decisionsSent >= stream.chunkRows else { return }
        stream.send(.decisions(Array(decisions[decisionsSent...])))
        decisionsSent = decisions.count
    }

    /// Sends the equity samples taken since the last chunk once there are a chunk's worth.
    @inline(__always) public mutating func equitySampled(_ equity: [EquitySample]) {
        guard let stream, equity.count - equitySent >= stream.chunkRows else { return }
        stream.send(.equity(Array(equity[equitySent...])))
        equitySent = equity.count
    }
}
