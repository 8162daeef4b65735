/// What an order placed by the engine is for.
public enum OrderPurpose: String, Sendable, Hashable, CaseIterable {
    case entry
    case stopLoss = "stop_loss"
    case takeProfit = "take_profit"
    /// A market close (a `close` signal, an atomic rollback, a live flatten).
    case close
    case liquidation
}
