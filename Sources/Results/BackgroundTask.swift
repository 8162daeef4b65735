import Dispatch

/// Work started on another thread now and waited for when its value is read.
public final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written once by the worker before it leaves the group; read only after `wait`.
    private var result: Value?

    /// Starts `work` on a global queue.
    public init(_ work: @escaping @Sendable () -> Value) {
        group.enter()
        DispatchQueue.global().async {
            self.result = work()
            self.group.leave()
        }
    }

    /// The value (waits for the work to finish).
    public var value: Value {
        group.wait()
        return result!
    }
}

extension BackgroundTask where Value == String {
    /// Computes `run`'s result digest on another thread, dropping the task's hold on each table's
    /// rows as soon as they are digested (`RunResult.digestReleasingRows()`).
    public convenience init(digesting run: RunResult) {
        let box = HandOver(run)
        self.init { box.take().digestReleasingRows() }
    }
}

/// A value handed to another thread, which takes it out, leaving no reference behind.
private final class HandOver<Value>: @unchecked Sendable {
    private var value: Value?

    init(_ value: Value) { self.value = value }

    /// The value, taken out (once, by the one thread that owns the box from then on).
    func take() -> Value {
        let taken = value!
        value = nil
        return taken
    }
}
