/// The signal's `order_type` (default `market`), the entry order type the dispatcher builds.
///
/// The conditional types are accepted by the contract but the live Binance client rejects them
/// (reference §9.19).
public enum SignalOrderType: String, Sendable, Hashable, CaseIterable {
    case market
    case limit
    case stop
    case stopLimit = "stop_limit"
    case takeProfit = "take_profit"
    case takeProfitLimit = "take_profit_limit"
    case conditionalLimit = "conditional_limit"
    case conditionalStop = "conditional_stop"
}
