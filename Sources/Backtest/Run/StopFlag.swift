import Foundation

/// A flag one thread raises to tell work on another thread to stop early (the data digest stops
/// when reading the signals has failed, so a bad signal file fails at once).
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    /// Guarded by `lock`.
    private var raised = false

    /// Raises the flag; it stays raised.
    func raise() {
        lock.lock()
        raised = true
        lock.unlock()
    }

    /// True once `raise()` has been called.
    var isRaised: Bool {
        lock.lock()
        defer { lock.unlock() }
        return raised
    }
}
