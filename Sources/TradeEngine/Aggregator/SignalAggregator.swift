public import Market

/// The live `SignalAggregator` (reference §2.1–2.2) with an injected simulation clock: the
/// store of active signals the processors decide against.
///
/// Semantics kept exactly:
/// - the incoming signal is inserted before it is evaluated;
/// - the key is `"{strategy_id}_{symbol}_{timestamp.isoformat()}"`; a signal with an existing
///   key replaces the stored one but keeps its insertion position (a Python `dict`);
/// - after every insertion, signals whose own timestamp is earlier than `now − signalTTL`
///   (strictly) are removed — a signal exactly one TTL old stays;
/// - rejected signals stay and keep blocking; nothing else removes a signal.
///
/// Storage: signals live in slots in insertion order, indexed by (symbol, action) buckets that
/// keep their slots in insertion order, with per-(bucket, strategy) counts and a queue of
/// expiry instants. A decision touches only the buckets of the signal's symbol: the counts
/// answer `accumulate` in O(1); `strongest_wins`, `reject_duplicates` and one-way conflicts scan
/// the live entries of one or three buckets. Dead entries are compacted away in amortised O(1).
/// No hash order reaches a result.
public struct SignalAggregator {
    /// The settings the processors read.
    public var settings: SignalSettings

    var interner = SignalInterner()
    var entries: [Entry] = []
    var keyIndex = FlatMap<ActiveKey, Int32>()
    var buckets: [Bucket] = []
    /// Live signals per (bucket, strategy): `strategyCounts[bucket * strategyStride + strategy]`.
    var strategyCounts: [Int32] = []
    var strategyStride = 0
    var expiry = ExpiryQueue()
    var weights: [(strategyID: String, weight: Double)] = []
    /// Dead slots are compacted away once there are at least this many slots and more than
    /// three quarters are dead.
    var compactionMinimum = 4096

    /// The number of active signals.
    public internal(set) var activeCount = 0
    /// The number of signals ever added (the live `signal_history` length; the history itself
    /// is not kept).
    public internal(set) var totalProcessed = 0

    public init(settings: SignalSettings = SignalSettings()) {
        self.settings = settings
    }

    // MARK: Public operations

    /// The live `add_signal`: inserts `signal`, then removes every active signal whose
    /// timestamp is earlier than `now − signalTTL`.
    public mutating func add(_ signal: Signal, now: Timestamp) {
        add(signal, ids: interner.ids(for: signal), now: now.milliseconds &* 1000)
    }

    /// `add(_:now:)` at an instant in microseconds since the epoch (the simulation clock).
    public mutating func add(_ signal: Signal, nowMicroseconds now: Int64) {
        add(signal, ids: interner.ids(for: signal), now: now)
    }

    /// What the live dispatcher's `process_signal` does: `add(_:now:)`, then the processor of
    /// the signal's mode against the updated active signals.
    public mutating func process(_ signal: Signal, now: Timestamp) -> ProcessorOutcome {
        process(signal, ids: interner.ids(for: signal), now: now.milliseconds &* 1000)
    }

    /// Evaluates `signal` against the current active signals without inserting it.
    public mutating func evaluate(_ signal: Signal) -> ProcessorOutcome {
        evaluate(signal, ids: interner.ids(for: signal))
    }

    /// The live aggregator's own `process_signal` (not used by the dispatcher): adds the signal
    /// and reports `executed`.
    public mutating func acknowledge(_ signal: Signal, now: Timestamp) -> DecisionStatus {
        add(signal, now: now)
        return .executed
    }

    /// The active signals in insertion order.
    public var activeSignals: [ActiveSignal] {
        entries.compactMap { entry in
            guard entry.alive else { return nil }
            return ActiveSignal(
                strategyID: interner.strategyNames[Int(entry.key.strategy)],
                symbol: interner.symbols[Int(entry.key.symbol)], action: entry.action, confidence: entry.confidence,
                strategyMode: entry.mode,
                timestamp: SignalTime(microseconds: entry.key.microseconds, utcOffsetSeconds: entry.key.offset))
        }
    }

    /// The live `get_signal_summary()`.
    public var summary: SignalSummary {
        var modes: [(StrategyMode, Int)] = []
        for entry in entries where entry.alive {
            if let index = modes.firstIndex(where: { $0.0 == entry.mode }) {
                modes[index].1 += 1
            } else {
                modes.append((entry.mode, 1))
            }
        }
        return SignalSummary(
            activeSignalsCount: activeCount, totalSignalsProcessed: totalProcessed,
            modeDistribution: modes.map { ModeCount(mode: $0.0, count: $0.1) })
    }

    /// The live `_cancel_opposing_signals(symbol)` (never called in production): removes every
    /// active signal of `symbol`.
    public mutating func cancelSignals(symbol: Symbol) {
        guard let symbolID = interner.existingSymbolID(symbol) else { return }
        for slot in entries.indices where entries[slot].alive && entries[slot].key.symbol == symbolID {
            kill(Int32(slot))
        }
    }

    /// The live `set_strategy_weight` (stored, never used in a decision).
    public mutating func setStrategyWeight(_ strategyID: String, _ weight: Double) {
        if let index = weights.firstIndex(where: { $0.strategyID == strategyID }) {
            weights[index].weight = weight
        } else {
            weights.append((strategyID, weight))
        }
    }

    /// A weight set with `setStrategyWeight(_:_:)`.
    public func strategyWeight(_ strategyID: String) -> Double? {
        weights.first { $0.strategyID == strategyID }?.weight
    }

    /// The live (unused) timeframe strength: `(confidence or 0.5) × weight(timeframe)`.
    public static func timeframeStrength(_ signal: Signal) -> Double {
        (signal.confidence != 0 ? signal.confidence : 0.5) * TimeFrame.aggregatorWeight(signal.timeframe)
    }

    // MARK: Internal operations (ids interned once by the pipeline)

    mutating func ids(for signal: Signal) -> SignalIDs { interner.ids(for: signal) }

    /// `now`: microseconds since the epoch.
    mutating func process(_ signal: Signal, ids: SignalIDs, now: Int64) -> ProcessorOutcome {
        add(signal, ids: ids, now: now)
        return evaluate(signal, ids: ids)
    }

    mutating func evaluate(_ signal: Signal, ids: SignalIDs) -> ProcessorOutcome {
        // The view holds the index arrays for the call: moved in and back, never copied.
        var view = IndexedView(ids: ids, activeCount: activeCount, strategyStride: strategyStride)
        swap(&view.buckets, &buckets)
        swap(&view.strategyCounts, &strategyCounts)
        swap(&view.strategyNames, &interner.strategyNames)
        defer {
            swap(&view.buckets, &buckets)
            swap(&view.strategyCounts, &strategyCounts)
            swap(&view.strategyNames, &interner.strategyNames)
        }
        return SignalProcessor.process(signal, active: view, settings: settings)
    }

    /// `now`: microseconds since the epoch.
    mutating func add(_ signal: Signal, ids: SignalIDs, now: Int64) {
        totalProcessed += 1
        let key = ActiveKey(
            strategy: ids.strategy, symbol: ids.symbol, microseconds: signal.timestamp.microseconds,
            offset: signal.timestamp.utcOffsetSeconds)
        if let slot = keyIndex[key] {
            replace(slot, with: signal)
        } else {
            insert(signal, key: key)
        }
        prune(now: now)
        if entries.count >= compactionMinimum && activeCount * 4 < entries.count { compact() }
    }
}

/// One active signal as the aggregator holds it.
public struct ActiveSignal: Sendable, Hashable {
    public var strategyID: String
    public var symbol: Symbol
    public var action: SignalAction
    public var confidence: Double
    public var strategyMode: StrategyMode
    public var timestamp: SignalTime
}

/// The live `get_signal_summary()` (the always-zero `daily_pnl`/`max_daily_loss` and the
/// strategy weights left out).
public struct SignalSummary: Sendable, Hashable {
    /// `active_signals_count`.
    public var activeSignalsCount: Int
    /// `total_signals_processed`.
    public var totalSignalsProcessed: Int
    /// `mode_distribution`, in first-seen order among the active signals.
    public var modeDistribution: [ModeCount]
}

/// A count of active signals in one strategy mode.
public struct ModeCount: Sendable, Hashable {
    public var mode: StrategyMode
    public var count: Int

    public init(mode: StrategyMode, count: Int) {
        self.mode = mode
        self.count = count
    }
}

@available(*, unavailable, message: "an aggregator is one run's mutable state")
extension SignalAggregator: Sendable {}
