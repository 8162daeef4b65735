internal import NIOConcurrencyHelpers
internal import NIOCore

/// The buffer between the connection's event loop, which parses and enqueues messages, and the
/// tasks that iterate a subscription.
///
/// Enqueueing never wakes a waiter by itself: the connection calls ``signal()`` once per socket
/// read, so a reader that keeps up is woken once per read rather than once per message. Limits
/// on messages and bytes bound the memory of a reader that does not keep up; past them new
/// messages are dropped and counted.
final class SubscriptionQueue: Sendable {
    /// What a reader receives.
    enum Item: Sendable {
        case message(NATSMessage)
        /// The connection was replaced (only for queues that ask for markers).
        case reconnected
    }

    /// The result of waiting for an item.
    enum Next: Sendable {
        case item(Item)
        /// The subscription ended normally (unsubscribed, message limit, client closed).
        case end
        /// The wait's timeout expired first.
        case timedOut
    }

    enum EnqueueResult {
        case queued
        case droppedFirst
        case dropped
        case finished
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Next, any Error>
        var timeout: Scheduled<Void>?
    }

    private struct State {
        var items = CircularBuffer<Item>(initialCapacity: 16)
        var bytes = 0
        var waiters = CircularBuffer<Waiter>()
        var nextWaiterID = 0
        var finished = false
        var failure: NATSError?
        var dropped = 0
        var dropping = false
    }

    private let state = NIOLockedValueBox(State())
    let eventLoop: any EventLoop
    let messageLimit: Int
    let byteLimit: Int
    /// Whether ``Item/reconnected`` markers are enqueued on reconnect.
    let wantsConnectionMarkers: Bool

    init(eventLoop: any EventLoop, messageLimit: Int, byteLimit: Int, wantsConnectionMarkers: Bool = false) {
        self.eventLoop = eventLoop
        self.messageLimit = messageLimit
        self.byteLimit = byteLimit
        self.wantsConnectionMarkers = wantsConnectionMarkers
    }

    /// Messages dropped because the queue was full.
    var droppedCount: Int { state.withLockedValue { $0.dropped } }

    /// Adds an item without waking a waiter (see ``signal()``).
    func enqueue(_ item: Item) -> EnqueueResult {
        state.withLockedValue { state in
            if state.finished { return .finished }
            var size = 0
            if case .message(let message) = item {
                size = message.payload.readableBytes
                if state.items.count >= messageLimit || state.bytes + size > byteLimit {
                    state.dropped += 1
                    if state.dropping { return .dropped }
                    state.dropping = true
                    return .droppedFirst
                }
            }
            state.dropping = false
            state.bytes += size
            state.items.append(item)
            return .queued
        }
    }

    /// Hands queued items to waiting readers (and the end to the rest once finished and empty).
    func signal() {
        var ready: [(Waiter, Next)] = []
        var failed: [(Waiter, NATSError)] = []
        state.withLockedValue { state in
            while !state.waiters.isEmpty, !state.items.isEmpty {
                let item = state.items.removeFirst()
                if case .message(let message) = item { state.bytes -= message.payload.readableBytes }
                ready.append((state.waiters.removeFirst(), .item(item)))
            }
            if state.finished, state.items.isEmpty {
                while let waiter = state.waiters.popFirst() {
                    if let failure = state.failure {
                        failed.append((waiter, failure))
                    } else {
                        ready.append((waiter, .end))
                    }
                }
            }
        }
        for (waiter, next) in ready {
            waiter.timeout?.cancel()
            waiter.continuation.resume(returning: next)
        }
        for (waiter, failure) in failed {
            waiter.timeout?.cancel()
            waiter.continuation.resume(throwing: failure)
        }
    }

    /// Ends the queue: readers get what is queued, then the end (or the error).
    func finish(_ failure: NATSError? = nil) {
        let changed = state.withLockedValue { state in
            guard !state.finished else { return false }
            state.finished = true
            state.failure = failure
            return true
        }
        if changed { signal() }
    }

    private enum Immediate {
        case next(Next)
        case failure(NATSError)
        case wait
    }

    private static func immediate(_ state: inout State) -> Immediate {
        if !state.items.isEmpty {
            let item = state.items.removeFirst()
            if case .message(let message) = item { state.bytes -= message.payload.readableBytes }
            return .next(.item(item))
        }
        if state.finished {
            if let failure = state.failure { return .failure(failure) }
            return .next(.end)
        }
        return .wait
    }

    /// The next item; waits for one unless the queue has ended. Cancellation of the waiting task
    /// returns ``Next/end``.
    ///
    /// - Throws: the error the queue was finished with.
    func next(timeout: TimeAmount? = nil) async throws -> Next {
        let fast = state.withLockedValue { Self.immediate(&$0) }
        switch fast {
        case .next(let next): return next
        case .failure(let error): throw error
        case .wait: break
        }
        let id = state.withLockedValue { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Next, any Error>) in
                let immediate: Immediate = state.withLockedValue { state in
                    let now = Self.immediate(&state)
                    guard case .wait = now else { return now }
                    if Task.isCancelled { return .next(.end) }
                    state.waiters.append(Waiter(id: id, continuation: continuation, timeout: nil))
                    return .wait
                }
                switch immediate {
                case .next(let next):
                    continuation.resume(returning: next)
                    return
                case .failure(let error):
                    continuation.resume(throwing: error)
                    return
                case .wait:
                    break
                }
                guard let timeout else { return }
                let task = eventLoop.scheduleTask(in: timeout) { [self] in
                    self.resumeWaiter(id, with: .timedOut)
                }
                let stillWaiting = state.withLockedValue { state in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return false }
                    state.waiters[index].timeout = task
                    return true
                }
                if !stillWaiting { task.cancel() }
            }
        } onCancel: {
            self.resumeWaiter(id, with: .end)
        }
    }

    private func resumeWaiter(_ id: Int, with next: Next) {
        let waiter: Waiter? = state.withLockedValue { state in
            guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return state.waiters.remove(at: index)
        }
        guard let waiter else { return }
        waiter.timeout?.cancel()
        waiter.continuation.resume(returning: next)
    }
}
