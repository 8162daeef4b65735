/// What the processors ask of the active signals (the live `active_signals` dict) about one
/// incoming signal. `SignalAggregator` answers from its (symbol, action) index;
/// `ActiveSignalList` answers by scanning, literally as the live list comprehensions do.
public protocol ActiveSignalView {
    /// The same-direction set S of reference §2.4 — active signals with the signal's symbol and
    /// action and a different `strategy_id` — summarised as `policy` needs (the count always; the
    /// highest confidence for `strongestWins`; the first member's strategy in insertion order for
    /// `rejectDuplicates`).
    func sameDirection(for signal: Signal, policy: SignalSettings.SameDirectionPolicy) -> SameDirectionSummary

    /// The conflict set of reference §2.3 (mode-independent part) — active signals with the
    /// signal's symbol and a different action, same strategy included — summarised.
    func conflicts(for signal: Signal) -> ConflictSummary

    /// The number of active signals (the LLM context's `active_signals_count`).
    var activeCount: Int { get }
}

/// A summary of the same-direction set S.
public struct SameDirectionSummary: Sendable, Hashable {
    /// |S|.
    public var count: Int
    /// The highest confidence in S (−∞ when not computed or S is empty).
    public var maxConfidence: Double
    /// The strategy of S's first member in insertion order (nil when not computed or empty).
    public var firstStrategyID: String?

    public init(count: Int, maxConfidence: Double = -.infinity, firstStrategyID: String? = nil) {
        self.count = count
        self.maxConfidence = maxConfidence
        self.firstStrategyID = firstStrategyID
    }
}

/// A summary of the conflict set.
public struct ConflictSummary: Sendable, Hashable {
    /// The number of conflicting signals.
    public var count: Int
    /// Their highest confidence (−∞ when empty).
    public var maxConfidence: Double

    public init(count: Int, maxConfidence: Double = -.infinity) {
        self.count = count
        self.maxConfidence = maxConfidence
    }
}

/// An insertion-ordered map from keys to signals with Python `dict` semantics — assigning an
/// existing key replaces the signal in place, keeping its position — answering the processors'
/// questions by scanning every entry, as the live code does. The reference behaviour the
/// indexed `SignalAggregator` is tested against, and the form of the live unit tests' `active`
/// argument (keyed by `strategy_id`, incoming signal not inserted).
public struct ActiveSignalList: ActiveSignalView, Sendable {
    /// The entries in insertion order.
    public private(set) var entries: [(key: String, signal: Signal)] = []

    public init() {}

    /// `active[key] = signal`.
    public mutating func set(_ signal: Signal, forKey key: String) {
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].signal = signal
        } else {
            entries.append((key, signal))
        }
    }

    /// `del active[key]` (no-op for a missing key).
    public mutating func removeValue(forKey key: String) {
        entries.removeAll { $0.key == key }
    }

    /// Removes every entry whose signal matches.
    public mutating func removeAll(where predicate: (Signal) -> Bool) {
        entries.removeAll { predicate($0.signal) }
    }

    public var activeCount: Int { entries.count }

    public func sameDirection(for signal: Signal, policy: SignalSettings.SameDirectionPolicy) -> SameDirectionSummary {
        let set = entries.lazy.map(\.signal).filter {
            $0.symbol == signal.symbol && $0.action == signal.action && $0.strategyID != signal.strategyID
        }
        var summary = SameDirectionSummary(count: set.count)
        switch policy {
        case .accumulate: break
        case .strongestWins: summary.maxConfidence = set.map(\.confidence).max() ?? -.infinity
        case .rejectDuplicates: summary.firstStrategyID = set.first?.strategyID
        }
        return summary
    }

    public func conflicts(for signal: Signal) -> ConflictSummary {
        let set = entries.lazy.map(\.signal).filter { $0.symbol == signal.symbol && $0.action != signal.action }
        return ConflictSummary(count: set.count, maxConfidence: set.map(\.confidence).max() ?? -.infinity)
    }
}
