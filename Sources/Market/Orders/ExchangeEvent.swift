/// Where on a bar's price path something happened. Fills carry it for audit.
public enum PathPoint: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case open = 0
    case high = 1
    case low = 2
    case close = 3
    /// On a finer `detail` kline replayed for an ambiguous bar.
    case detail = 4
    /// Outside the kline path (a signal-price fill, a funding settlement).
    case none = 5

    public var description: String {
        switch self {
        case .open: "O"
        case .high: "H"
        case .low: "L"
        case .close: "C"
        case .detail: "detail"
        case .none: "-"
        }
    }
}

/// An order's state change, shaped like Binance's `ORDER_TRADE_UPDATE` order payload.
public struct OrderUpdate: Sendable, Hashable {
    public var orderID: OrderID
    public var clientOrderID: String?
    public var symbol: Symbol
    public var side: Side
    public var positionSide: PositionSide
    /// The current type (a triggered STOP_MARKET executes as MARKET).
    public var type: OrderType
    /// The type as placed.
    public var originalType: OrderType
    public var timeInForce: TimeInForce
    public var workingType: WorkingType
    public var closePosition: Bool
    /// Original quantity (zero for closePosition before it triggers).
    public var quantity: Quantity
    public var price: Price
    public var stopPrice: Price
    public var activationPrice: Price?
    public var callbackRate: Rate?
    public var executionType: ExecutionType
    public var status: OrderStatus
    public var expiryReason: ExpiryReason
    /// Cumulative filled quantity and average fill price.
    public var executedQuantity: Quantity
    public var averagePrice: Price
    /// Rejection reason for a trigger-time rejection (Binance `rm`), else nil.
    public var rejectMessage: String?
    public var time: Timestamp

    @inlinable public init(
        orderID: OrderID, clientOrderID: String?, symbol: Symbol, side: Side, positionSide: PositionSide,
        type: OrderType, originalType: OrderType, timeInForce: TimeInForce, workingType: WorkingType,
        closePosition: Bool, quantity: Quantity, price: Price, stopPrice: Price, activationPrice: Price?,
        callbackRate: Rate?, executionType: ExecutionType, status: OrderStatus, expiryReason: ExpiryReason,
        executedQuantity: Quantity, averagePrice: Price, rejectMessage: String?, time: Timestamp
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.originalType = originalType
        self.timeInForce = timeInForce
        self.workingType = workingType
        self.closePosition = closePosition
        self.quantity = quantity
        self.price = price
        self.stopPrice = stopPrice
        self.activationPrice = activationPrice
        self.callbackRate = callbackRate
        self.executionType = executionType
        self.status = status
        self.expiryReason = expiryReason
        self.executedQuantity = executedQuantity
        self.averagePrice = averagePrice
        self.rejectMessage = rejectMessage
        self.time = time
    }
}

/// One fill, shaped like a `GET /fapi/v1/userTrades` row plus audit fields.
public struct Fill: Sendable, Hashable {
    public var tradeID: TradeID
    public var orderID: OrderID
    public var clientOrderID: String?
    public var symbol: Symbol
    public var side: Side
    public var positionSide: PositionSide
    /// The order type as placed (STOP_MARKET for a triggered stop; LIQUIDATION for liquidations).
    public var orderType: OrderType
    public var price: Price
    public var quantity: Quantity
    /// `price × quantity`.
    public var quoteQuantity: Money
    public var commission: Money
    public var commissionAsset: CommissionAsset
    /// Pre-fee realized PnL of a closing fill (zero for opening fills), as Binance books it.
    public var realizedPnL: Money
    public var isMaker: Bool
    /// True for `x=CALCULATED` liquidation fills.
    public var isLiquidation: Bool
    /// The liquidation clearance fee charged with a liquidation fill (zero otherwise).
    public var liquidationFee: Money
    public var time: Timestamp
    /// The open time of the bar this fill happened in.
    public var barTime: Timestamp
    public var pathPoint: PathPoint
    /// True when the fill (or its not happening earlier) depended on the assumed order of the
    /// bar's high and low.
    public var ambiguous: Bool
    /// Cumulative filled quantity of the order after this fill, and its status after it.
    public var cumulativeQuantity: Quantity
    public var orderStatus: OrderStatus

    @inlinable public init(
        tradeID: TradeID, orderID: OrderID, clientOrderID: String?, symbol: Symbol, side: Side,
        positionSide: PositionSide, orderType: OrderType, price: Price, quantity: Quantity, quoteQuantity: Money,
        commission: Money, commissionAsset: CommissionAsset, realizedPnL: Money, isMaker: Bool,
        isLiquidation: Bool, liquidationFee: Money, time: Timestamp, barTime: Timestamp, pathPoint: PathPoint,
        ambiguous: Bool, cumulativeQuantity: Quantity, orderStatus: OrderStatus
    ) {
        self.tradeID = tradeID
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.orderType = orderType
        self.price = price
        self.quantity = quantity
        self.quoteQuantity = quoteQuantity
        self.commission = commission
        self.commissionAsset = commissionAsset
        self.realizedPnL = realizedPnL
        self.isMaker = isMaker
        self.isLiquidation = isLiquidation
        self.liquidationFee = liquidationFee
        self.time = time
        self.barTime = barTime
        self.pathPoint = pathPoint
        self.ambiguous = ambiguous
        self.cumulativeQuantity = cumulativeQuantity
        self.orderStatus = orderStatus
    }

    /// True when the fill reduces its leg.
    public var isClose: Bool { side == positionSide.closingSide }
}

/// One leg's funding settlement.
public struct FundingPayment: Sendable, Hashable {
    public var symbol: Symbol
    public var positionSide: PositionSide
    public var time: Timestamp
    public var rate: Rate
    public var markPrice: Price
    public var positionQuantity: Quantity
    /// Signed wallet change: negative when the leg pays (a LONG with a positive rate).
    public var amount: Money

    @inlinable public init(
        symbol: Symbol, positionSide: PositionSide, time: Timestamp, rate: Rate, markPrice: Price,
        positionQuantity: Quantity, amount: Money
    ) {
        self.symbol = symbol
        self.positionSide = positionSide
        self.time = time
        self.rate = rate
        self.markPrice = markPrice
        self.positionQuantity = positionQuantity
        self.amount = amount
    }
}

/// Everything the simulated exchange tells its client, in the order it happened.
public enum ExchangeEvent: Sendable, Hashable {
    /// An order was accepted, triggered, canceled, expired or rejected at trigger time.
    case order(OrderUpdate)
    /// An order (or a liquidation) filled, fully or partly. The matching `.order` update with
    /// execution type TRADE/CALCULATED follows it.
    case fill(Fill)
    /// A funding settlement of one leg.
    case funding(FundingPayment)
}
