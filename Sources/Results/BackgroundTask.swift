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
