import Market

/// Where an order is in the simulator's books.
enum OrderStage: UInt8 {
    /// Accepted, not active yet (waiting for its activation time: latency, or the next path
    /// point when placed during a bar walk). MARKET orders wait here for their bar's open.
    case pending
    /// An untriggered STOP / STOP_MARKET / TAKE_PROFIT / TAKE_PROFIT_MARKET in a trigger heap.
    case conditional
    /// An untriggered TRAILING_STOP_MARKET in its symbol's trailing list.
    case trailing
    /// A LIMIT (or a triggered STOP / TAKE_PROFIT) resting in a limit heap.
    case resting
    /// Taken out of its heap or list by the bar walk and being triggered or filled.
    case triggering
    /// Filled, canceled, expired or rejected.
    case done
}

/// One order as the simulator books it. Prices and quantities are raw fixed-point values. Trivial
/// (no references: copying it costs no reference counting); its client order id and a
/// trigger-time rejection message live in `ExchangeState.clientOrderIDs` / `rejectMessages`.
struct SimulatedOrder {
    var id: OrderID
    var symbol: Int
    var side: Side
    var positionSide: PositionSide
    var type: OrderType
    var originalType: OrderType
    var timeInForce: TimeInForce
    var workingType: WorkingType
    var closePosition: Bool
    var priceProtect: Bool
    /// Raw quantity (zero for closePosition until it triggers).
    var quantity: Int64
    var price: Int64
    var stopPrice: Int64
    /// Raw activation price of a trailing stop (0 when not sent).
    var activationPrice: Int64
    /// Raw callback rate in percent (1 % = 10⁸).
    var callbackRate: Int64
    var ocoGroup: Int64?
    var referencePrice: Int64?

    var status: OrderStatus = .new
    var expiryReason: ExpiryReason = .none
    var stage: OrderStage = .pending
    /// Bumped whenever the order leaves a heap, so stale heap entries are recognised.
    var generation: UInt32 = 0
    /// The time from which the order may act (see `ExchangeConfiguration.latency`).
    var activeFrom: Int64 = 0
    var executed: Int64 = 0
    /// Σ fill notional (raw Money), for the average price.
    var cumulativeQuote: Int64 = 0
    /// Initial margin reserved while the order works (opening LIMIT / MARKET orders).
    var reservedMargin: Int64 = 0
    /// Trailing stop: the highest (SELL) or lowest (BUY) price seen since placement.
    var watermark: Int64 = 0
    /// Trailing stop: the activation condition has been met.
    var activated: Bool = false
    /// Times of the order's first and latest report (`orderUpdate` emission).
    var createTime: Int64 = 0
    var updateTime: Int64 = 0
    /// The execution type of the latest report.
    var lastExecution: ExecutionType = .new

    /// True for SELL/LONG and BUY/SHORT.
    var isCloseSide: Bool { side == positionSide.closingSide }
}
