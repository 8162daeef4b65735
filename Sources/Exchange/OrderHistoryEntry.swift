public import Market

/// An order as the exchange last reported it (see `SimulatedExchange.orderHistory(at:)`).
public struct OrderHistoryEntry: Sendable, Hashable {
    /// The latest `ORDER_TRADE_UPDATE` of the order.
    public var update: OrderUpdate
    /// The time of its first report (acceptance, or the liquidation).
    public var createTime: Timestamp

    public init(update: OrderUpdate, createTime: Timestamp) {
        self.update = update
        self.createTime = createTime
    }
}
