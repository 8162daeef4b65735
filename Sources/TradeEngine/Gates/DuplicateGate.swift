import Market

/// The live duplicate gate (dispatcher step 3): a signal whose
/// `"{strategy_id}_{symbol}_{action}_{timestamp.isoformat()[:19]}"` was seen less than the
/// window ago (by receive time — here the simulation clock) is a `duplicate`. Every signal that
/// reaches the gate and is not a duplicate (re)starts its key's window, holds and later
/// rejections included, as live.
struct DuplicateGate {
    /// The window in milliseconds (live 10 s).
    var window: Int64
    var seen = FlatMap<DuplicateKey, Int64>()
    var lastCleanup: Int64?

    /// The live cache is purged of entries older than the window at most this often (5 min).
    static let cleanupInterval: Int64 = 300_000

    init(window: Int64) { self.window = window }

    /// The number of keys remembered.
    var count: Int { seen.count }

    /// Checks and records a signal; returns the `duplicate` reason or nil.
    mutating func check(_ signal: Signal, ids: SignalIDs, now: Timestamp) -> DecisionReason? {
        let key = DuplicateKey(
            strategy: ids.strategy, symbol: ids.symbol, action: UInt8(signal.action.index),
            second: signal.timestamp.localSecond)
        let time = now.milliseconds
        if let first = seen[key] {
            let age = time &- first
            if age < window { return .duplicate(ageMilliseconds: age) }
        }
        seen.set(time, for: key)
        if let last = lastCleanup {
            if time &- last >= Self.cleanupInterval {
                // Removal only; no result depends on the dictionary's order.
                seen.removeAll { time &- $1 > window }
                lastCleanup = time
            }
        } else {
            lastCleanup = time
        }
        return nil
    }
}

/// The duplicate key with interned strategy and symbol; `second` is the local wall time to the
/// second, equal exactly when `isoformat()[:19]` is.
struct DuplicateKey: FlatKey {
    var strategy: Int32
    var symbol: Int32
    var action: UInt8
    var second: Int64

    var hash64: UInt64 {
        let ids = UInt64(UInt32(bitPattern: strategy)) << 32 | UInt64(UInt32(bitPattern: symbol))
        return mix64(ids &* 0x9E37_79B9_7F4A_7C15 ^ (UInt64(bitPattern: second) << 2 | UInt64(action)))
    }
}
