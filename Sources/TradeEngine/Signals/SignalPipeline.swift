public import Market

/// The live dispatcher's decision steps for one signal (reference §0.1 steps 2–6, §6.1), in
/// live order, on the simulation clock:
///
/// 1. source gate (`requireSource`; off by default) → `rejected`;
/// 2. duplicate gate (`duplicateWindow`) → `duplicate`;
/// 3. `hold` → `hold`;
/// 4. re-entry cooldown (`reentryCooldown`) while the position book holds the side → `rejected`;
/// 5. the aggregator: insert, then the processor of the signal's mode → `executed`/`rejected`.
///
/// The live restricted mode (lost CIO heartbeat) and the multi-pod lock have no counterpart in
/// a single-process simulation. Sizing, risk limits, position books and orders come after, in
/// the dispatcher, which reports every successful entry back through `recordEntry`.
///
/// One pipeline belongs to one run (not `Sendable`: it is mutable state).
public struct SignalPipeline {
    /// The settings.
    public let settings: SignalSettings
    /// The active signals.
    public private(set) var aggregator: SignalAggregator
    let sourceGate: SourceGate
    var duplicateGate: DuplicateGate
    var cooldownGate: ReentryCooldownGate

    public init(settings: SignalSettings = SignalSettings()) {
        self.settings = settings
        aggregator = SignalAggregator(settings: settings)
        sourceGate = SourceGate(requiredSource: settings.requireSource)
        duplicateGate = DuplicateGate(window: settings.duplicateWindow)
        cooldownGate = ReentryCooldownGate(window: settings.reentryCooldown)
    }

    /// Decides one signal.
    /// - Parameters:
    ///   - signal: the signal.
    ///   - seq: its position in the input order (recorded).
    ///   - now: the simulation time of the decision (every live "now").
    ///   - hasOpenPosition: whether the position book holds (symbol, side) with a quantity
    ///     above zero (asked only inside a cooldown window).
    /// - Returns: the decision record.
    /// - Complexity: amortised O(1) for the gates and `accumulate`; O(k) for `strongest_wins`,
    ///   `reject_duplicates` and one-way conflicts, k the active signals of the signal's symbol.
    public mutating func decide(
        _ signal: Signal, seq: Int, now: Timestamp, hasOpenPosition: (Symbol, PositionSide) -> Bool
    ) -> SignalDecision {
        decide(signal, seq: seq, nowMicroseconds: now.milliseconds &* 1000, hasOpenPosition: hasOpenPosition)
    }

    /// `decide(_:seq:now:hasOpenPosition:)` at an instant in microseconds since the epoch: the
    /// simulation decides each signal at its own instant, so the lifetime, the duplicate window
    /// and the cooldown see the microseconds; `decisionTime` is that instant floored to the
    /// millisecond.
    public mutating func decide(
        _ signal: Signal, seq: Int, nowMicroseconds micros: Int64, hasOpenPosition: (Symbol, PositionSide) -> Bool
    ) -> SignalDecision {
        let now = SignalTime(microseconds: micros).timestamp
        if let reason = sourceGate.check(signal) {
            return SignalDecision(
                signal: signal, sequence: seq, decisionTime: now, stage: .source, status: .rejected, reason: reason)
        }
        let ids = aggregator.ids(for: signal)
        if let reason = duplicateGate.check(signal, ids: ids, now: micros) {
            return SignalDecision(
                signal: signal, sequence: seq, decisionTime: now, stage: .duplicate, status: .duplicate, reason: reason)
        }
        if signal.action == .hold {
            return SignalDecision(
                signal: signal, sequence: seq, decisionTime: now, stage: .hold, status: .hold, reason: .hold)
        }
        if let reason = cooldownGate.check(signal, symbolID: ids.symbol, now: micros, hasOpenPosition: hasOpenPosition)
        {
            return SignalDecision(
                signal: signal, sequence: seq, decisionTime: now, stage: .cooldown, status: .rejected, reason: reason)
        }
        return SignalDecision(
            signal: signal, sequence: seq, decisionTime: now, outcome: aggregator.process(signal, ids: ids, now: micros)
        )
    }

    /// Records a successful entry on (symbol, side) at `time`, starting its re-entry cooldown
    /// for every strategy. The dispatcher calls it after each entry whose execution status is
    /// filled / partially filled / new and that leaves the position open, as live.
    public mutating func recordEntry(symbol: Symbol, side: PositionSide, at time: Timestamp) {
        recordEntry(symbol: symbol, side: side, atMicroseconds: time.milliseconds &* 1000)
    }

    /// `recordEntry(symbol:side:at:)` at an instant in microseconds since the epoch.
    public mutating func recordEntry(symbol: Symbol, side: PositionSide, atMicroseconds time: Int64) {
        let symbolID = aggregator.interner.symbolID(symbol)
        cooldownGate.recordEntry(symbolID: symbolID, side: side, at: time)
    }
}

@available(*, unavailable, message: "a pipeline is one run's mutable state")
extension SignalPipeline: Sendable {}
