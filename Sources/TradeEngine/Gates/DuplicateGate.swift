import Market

/// The live duplicate gate (dispatcher step 3): a signal whose
/// `"{strategy_id}_{symbol}_{action}_{timestamp.isoformat()[:19]}"` was seen less than the
/// window ago (by receive time — here the simulation clock, the signal's instant to the
/// microsecond) is a `duplicate`. Ages are live's `time.time()` differences: Python floats of
/// epoch seconds, compared with the window as floats. Every signal that reaches the gate and is
/// not a duplicate (re)starts its key's window, holds and later rejections included, as live.
struct DuplicateGate {
    /// The window in milliseconds (live 10 s).
    var window: Int64
    /// The window in seconds, as live's TTL float.
    let windowSeconds: Double
    /// First-seen instants in microseconds since the epoch.
    var seen = FlatMap<DuplicateKey, Int64>()
    var lastCleanup: Int64?

    /// The live cache is purged of entries older than the window at most this often (5 min, in
    /// microseconds).
    static let cleanupInterval: Int64 = 300_000_000

    init(window: Int64) {
        self.window = window
        windowSeconds = Double(window) / 1000
    }

    /// The number of keys remembered.
    var count: Int { seen.count }

    /// Checks and records a signal; returns the `duplicate` reason or nil.
    /// `now`: microseconds since the epoch.
    mutating func check(_ signal: Signal, ids: SignalIDs, now time: Int64) -> DecisionReason? {
        let key = DuplicateKey(
            strategy: ids.strategy, symbol: ids.symbol, action: UInt8(signal.action.index),
            second: signal.timestamp.localSecond)
        if let first = seen[key], DecisionReason.seconds(time, since: first) < windowSeconds {
            return .duplicate(nowMicroseconds: time, firstSeenMicroseconds: first)
        }
        seen.set(time, for: key)
        if let last = lastCleanup {
            if time &- last >= Self.cleanupInterval {
                // Removal only; no result depends on the dictionary's order.
                let windowSeconds = windowSeconds
                seen.removeAll { DecisionReason.seconds(time, since: $1) > windowSeconds }
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

extension Signal {
    /// The live duplicate id, `"{strategy_id}_{symbol}_{action}_{timestamp.isoformat()[:19]}"`
    /// (`_generate_signal_id`, vector D1): `DuplicateKey` holds the same parts interned, equal
    /// exactly when these strings are.
    public var liveDuplicateID: String {
        "\(strategyID)_\(symbol.name)_\(action.rawValue)_\(timestamp.isoformat.prefix(19))"
    }
}
