/// The deprecated `signal_type` field: informational only, never used in decisions.
public enum SignalType: String, Sendable, Hashable, CaseIterable {
    case buy
    case sell
    case hold
    case close
}
