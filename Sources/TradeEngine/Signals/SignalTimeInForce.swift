public import Market

/// The signal's `time_in_force` (default `GTC`).
public enum SignalTimeInForce: String, Sendable, Hashable, CaseIterable {
    case gtc = "GTC"
    case ioc = "IOC"
    case fok = "FOK"
    case gtx = "GTX"

    /// The exchange vocabulary's value.
    public var timeInForce: TimeInForce {
        switch self {
        case .gtc: .gtc
        case .ioc: .ioc
        case .fok: .fok
        case .gtx: .gtx
        }
    }
}
