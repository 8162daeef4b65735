import Market

/// The live re-entry ("accumulation") cooldown (dispatcher step 5): after an entry on a
/// (symbol, side), every signal mapping to that side — from any strategy; `buy` → LONG,
/// `sell` and `close` → SHORT — is rejected for the window, but only while the position book
/// holds that side with a quantity above zero. Times are instants in microseconds since the
/// epoch; the elapsed time is live's `time.time() - last`, a difference of Python floats,
/// compared with the window as a float.
struct ReentryCooldownGate {
    /// The window in milliseconds (live 300 s).
    var window: Int64
    /// The window in seconds.
    let windowSeconds: Double
    /// Last entry instant (µs) per `symbolID * 2 + side` (LONG 0, SHORT 1); `Int64.min` for none.
    var lastEntry: [Int64] = []

    init(window: Int64) {
        self.window = window
        windowSeconds = Double(window) / 1000
    }

    /// Records a successful entry (the dispatcher calls this after every entry that leaves the
    /// position open, as live).
    mutating func recordEntry(symbolID: Int32, side: PositionSide, at time: Int64) {
        let index = Int(symbolID) &* 2 &+ (side == .long ? 0 : 1)
        if index >= lastEntry.count {
            lastEntry.append(contentsOf: repeatElement(Int64.min, count: index + 1 - lastEntry.count))
        }
        lastEntry[index] = time
    }

    /// The rejection reason, or nil. `hasOpenPosition` is asked only inside the window.
    func check(
        _ signal: Signal, symbolID: Int32, now: Int64, hasOpenPosition: (Symbol, PositionSide) -> Bool
    ) -> DecisionReason? {
        let side = signal.action.positionSide
        let index = Int(symbolID) &* 2 &+ (side == .long ? 0 : 1)
        guard index < lastEntry.count, lastEntry[index] != Int64.min else { return nil }
        let entry = lastEntry[index]
        guard DecisionReason.seconds(now, since: entry) < windowSeconds, hasOpenPosition(signal.symbol, side)
        else { return nil }
        return .cooldown(nowMicroseconds: now, entryMicroseconds: entry, windowMilliseconds: window)
    }
}
