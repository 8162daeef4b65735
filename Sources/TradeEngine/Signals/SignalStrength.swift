/// The `strength` field (default `medium`); never used in decisions, carried for reports.
public enum SignalStrength: String, Sendable, Hashable, CaseIterable {
    case weak
    case medium
    case strong
    case extreme
}
