import NIOCore
import NIOPosix
import Testing

@testable import NATS

@Suite struct SubscriptionQueueTests {
    private let loop = MultiThreadedEventLoopGroup.singleton.next()

    private func message(_ text: String) -> SubscriptionQueue.Item {
        .message(NATSMessage(subject: "s", payload: ByteBuffer(string: text)))
    }

    private func text(_ next: SubscriptionQueue.Next) -> String? {
        if case .item(.message(let message)) = next { return message.payloadString }
        return nil
    }

    @Test func dropsPastTheMessageLimitAndReportsTheFirstDropOnce() async throws {
        let queue = SubscriptionQueue(eventLoop: loop, messageLimit: 2, byteLimit: 1 << 20)
        #expect(queue.enqueue(message("a")) == .queued)
        #expect(queue.enqueue(message("b")) == .queued)
        #expect(queue.enqueue(message("c")) == .droppedFirst)
        #expect(queue.enqueue(message("d")) == .dropped)
        #expect(queue.droppedCount == 2)
        #expect(text(try await queue.next()) == "a")
        #expect(queue.enqueue(message("e")) == .queued)
        #expect(queue.enqueue(message("f")) == .droppedFirst)
        #expect(text(try await queue.next()) == "b")
        #expect(text(try await queue.next()) == "e")
    }

    @Test func dropsPastTheByteLimit() {
        let queue = SubscriptionQueue(eventLoop: loop, messageLimit: 100, byteLimit: 5)
        #expect(queue.enqueue(message("abc")) == .queued)
        #expect(queue.enqueue(message("def")) == .droppedFirst)
        #expect(queue.enqueue(message("de")) == .queued)
    }

    @Test func aWaitingReaderIsWokenBySignalNotByEnqueue() async throws {
        let queue = SubscriptionQueue(eventLoop: loop, messageLimit: 10, byteLimit: 1 << 20)
        let reader = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(50))
        _ = queue.enqueue(message("x"))
        try await Task.sleep(for: .milliseconds(50))
        queue.signal()
        #expect(text(try await reader.value) == "x")
    }

    @Test func finishDeliversWhatIsQueuedThenTheEndOrTheError() async throws {
        let queue = SubscriptionQueue(eventLoop: loop, messageLimit: 10, byteLimit: 1 << 20)
        _ = queue.enqueue(message("last"))
        queue.finish()
        #expect(queue.enqueue(message("late")) == .finished)
        #expect(text(try await queue.next()) == "last")
        guard case .end = try await queue.next() else {
            Issue.record("expected the end")
            return
        }
        let failing = SubscriptionQueue(eventLoop: loop, messageLimit: 10, byteLimit: 1 << 20)
        let reader = Task { try await failing.next() }
        try await Task.sleep(for: .milliseconds(50))
        failing.finish(.staleConnection)
        await #expect(throws: NATSError.staleConnection) { _ = try await reader.value }
    }

    @Test func timeoutAndCancellationEndTheWait() async throws {
        let queue = SubscriptionQueue(eventLoop: loop, messageLimit: 10, byteLimit: 1 << 20)
        guard case .timedOut = try await queue.next(timeout: .milliseconds(30)) else {
            Issue.record("expected a timeout")
            return
        }
        let reader = Task { try await queue.next() }
        try await Task.sleep(for: .milliseconds(50))
        reader.cancel()
        guard case .end = try await reader.value else {
            Issue.record("expected the end after cancellation")
            return
        }
        _ = queue.enqueue(message("kept"))
        #expect(text(try await queue.next()) == "kept")
    }
}
