internal import NIOConcurrencyHelpers

/// Hands every ``NATSEvent`` to each stream returned by ``NATSClient/events()``.
final class EventBroadcaster: Sendable {
    private struct State {
        var continuations: [Int: AsyncStream<NATSEvent>.Continuation] = [:]
        var nextID = 0
        var finished = false
    }

    private let state = NIOLockedValueBox(State())

    func stream() -> AsyncStream<NATSEvent> {
        let (stream, continuation) = AsyncStream<NATSEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let added: Int? = state.withLockedValue { state in
            guard !state.finished else { return nil }
            state.nextID += 1
            state.continuations[state.nextID] = continuation
            return state.nextID
        }
        if let id = added {
            continuation.onTermination = { [weak self] _ in
                _ = self?.state.withLockedValue { $0.continuations.removeValue(forKey: id) }
            }
        } else {
            continuation.finish()
        }
        return stream
    }

    func emit(_ kind: NATSEvent.Kind) {
        let event = NATSEvent(kind)
        let targets = state.withLockedValue { state in state.continuations.sorted { $0.key < $1.key }.map(\.value) }
        for continuation in targets { continuation.yield(event) }
    }

    func finish() {
        let targets = state.withLockedValue { state in
            state.finished = true
            defer { state.continuations.removeAll() }
            return state.continuations.sorted { $0.key < $1.key }.map(\.value)
        }
        for continuation in targets { continuation.finish() }
    }
}
