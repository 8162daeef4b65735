public import Market
public import TradeEngine

/// One row of `signal_decisions`: what happened to one recorded signal, from the gates and the
/// aggregator to the dispatcher.
public struct DecisionRecord: Sendable, Hashable {
    /// Input order across all signal files (1-based).
    public var sequence: Int
    public var file: String
    public var line: Int
    public var signalID: String?
    public var strategyID: String
    public var symbol: Symbol
    public var action: String
    public var confidence: Double
    public var strategyMode: String
    public var signalTime: Timestamp
    /// Simulation time of the decision.
    public var decisionTime: Timestamp
    /// The gate (`source`, `duplicate`, `hold`, `cooldown`), processor (`deterministic`,
    /// `ml_light`, `llm_reasoning`) or dispatcher step (`sizing`, `risk`, `exchange`, `close`)
    /// that decided; `data` for signals outside the data.
    public var stage: String
    /// `executed`, `rejected`, `duplicate`, `hold`, `exchange_failed`, or `skipped` (outside
    /// the data).
    public var status: String
    public var reason: String
    /// The quantity sent for an executed entry.
    public var quantity: Quantity?
    public var orderID: OrderID?

    public init(
        sequence: Int, file: String, line: Int, signalID: String?, strategyID: String, symbol: Symbol,
        action: String, confidence: Double, strategyMode: String, signalTime: Timestamp, decisionTime: Timestamp,
        stage: String, status: String, reason: String, quantity: Quantity? = nil, orderID: OrderID? = nil
    ) {
        self.sequence = sequence
        self.file = file
        self.line = line
        self.signalID = signalID
        self.strategyID = strategyID
        self.symbol = symbol
        self.action = action
        self.confidence = confidence
        self.strategyMode = strategyMode
        self.signalTime = signalTime
        self.decisionTime = decisionTime
        self.stage = stage
        self.status = status
        self.reason = reason
        self.quantity = quantity
        self.orderID = orderID
    }
}

/// One row of `orders`: an order's final state (or a rejected placement).
public struct OrderRecord: Sendable, Hashable {
    /// nil for a placement the exchange rejected.
    public var orderID: OrderID?
    public var clientOrderID: String?
    public var symbol: Symbol
    public var side: Side
    public var positionSide: PositionSide?
    public var type: OrderType
    public var timeInForce: TimeInForce?
    public var workingType: WorkingType
    public var closePosition: Bool
    public var quantity: Quantity?
    public var price: Price?
    public var stopPrice: Price?
    public var status: OrderStatus
    public var expiryReason: ExpiryReason
    public var executedQuantity: Quantity
    public var averagePrice: Price
    public var createTime: Timestamp
    public var updateTime: Timestamp
    public var purpose: OrderPurpose
    /// The strategy position it belongs to, if any.
    public var strategyPositionID: String?
    public var strategyID: String?
    /// Binance's error for a rejected placement or a trigger-time rejection.
    public var rejectCode: Int?
    public var rejectMessage: String?

    public init(
        orderID: OrderID?, clientOrderID: String?, symbol: Symbol, side: Side, positionSide: PositionSide?,
        type: OrderType, timeInForce: TimeInForce?, workingType: WorkingType, closePosition: Bool, quantity: Quantity?,
        price: Price?, stopPrice: Price?, status: OrderStatus, expiryReason: ExpiryReason, executedQuantity: Quantity,
        averagePrice: Price, createTime: Timestamp, updateTime: Timestamp, purpose: OrderPurpose,
        strategyPositionID: String?, strategyID: String?, rejectCode: Int? = nil, rejectMessage: String? = nil
    ) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.timeInForce = timeInForce
        self.workingType = workingType
        self.closePosition = closePosition
        self.quantity = quantity
        self.price = price
        self.stopPrice = stopPrice
        self.status = status
        self.expiryReason = expiryReason
        self.executedQuantity = executedQuantity
        self.averagePrice = averagePrice
        self.createTime = createTime
        self.updateTime = updateTime
        self.purpose = purpose
        self.strategyPositionID = strategyPositionID
        self.strategyID = strategyID
        self.rejectCode = rejectCode
        self.rejectMessage = rejectMessage
    }
}

/// One row of `equity`.
public struct EquitySample: Sendable, Hashable {
    public var time: Timestamp
    public var wallet: Money
    public var unrealized: Money
    /// Initial margin of open positions.
    public var margin: Money
    public var equity: Money
    /// Peak equity so far minus equity (≥ 0).
    public var drawdown: Money
    /// Drawdown over the peak, as a fraction.
    public var drawdownFraction: Double

    public init(
        time: Timestamp, wallet: Money, unrealized: Money, margin: Money, equity: Money, drawdown: Money,
        drawdownFraction: Double
    ) {
        self.time = time
        self.wallet = wallet
        self.unrealized = unrealized
        self.margin = margin
        self.equity = equity
        self.drawdown = drawdown
        self.drawdownFraction = drawdownFraction
    }
}

/// One funding settlement of a leg with its attribution to strategy positions.
public struct FundingRecord: Sendable, Hashable {
    public var payment: FundingPayment
    /// The lifecycle it was booked to.
    public var lifecycleID: String?
    /// (strategy position id, share), in creation order.
    public var shares: [StrategyShare]

    public init(payment: FundingPayment, lifecycleID: String?, shares: [StrategyShare]) {
        self.payment = payment
        self.lifecycleID = lifecycleID
        self.shares = shares
    }
}

/// A strategy position's share of a leg-wide amount.
public struct StrategyShare: Sendable, Hashable {
    public var strategyPositionID: String
    public var strategyID: String
    public var amount: Money

    public init(strategyPositionID: String, strategyID: String, amount: Money) {
        self.strategyPositionID = strategyPositionID
        self.strategyID = strategyID
        self.amount = amount
    }
}

/// A fill with its attribution (the strategy position it belongs to, when one).
public struct FillRecord: Sendable, Hashable {
    public var fill: Fill
    public var purpose: OrderPurpose
    public var strategyPositionID: String?
    public var strategyID: String?

    public init(fill: Fill, purpose: OrderPurpose, strategyPositionID: String?, strategyID: String?) {
        self.fill = fill
        self.purpose = purpose
        self.strategyPositionID = strategyPositionID
        self.strategyID = strategyID
    }
}

/// Counts of signals by what became of them.
public struct SignalCounts: Sendable, Hashable {
    public var total = 0
    public var decided = 0
    /// Before the first or after the last bar of the simulated range.
    public var outsideRange = 0
    /// On a symbol without klines.
    public var unknownSymbol = 0

    public init() {}
}
