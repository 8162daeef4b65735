/// The signal's `conditional_direction` (`above` / `below`), carried to the order.
public enum ConditionalDirection: String, Sendable, Hashable, CaseIterable {
    case above
    case below
}
