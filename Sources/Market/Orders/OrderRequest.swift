/// A new-order request as the trade engine sends it to Binance (`POST /fapi/v1/order` or
/// `/fapi/v1/algoOrder`). Optional fields that are nil were not sent: validation distinguishes
/// "not sent" from a value, as Binance does (`reduceOnly` sent in hedge mode is -1106 even when
/// false).
public struct OrderRequest: Sendable, Hashable {
    public var symbol: Symbol
    public var side: Side
    /// Must be LONG or SHORT in hedge mode; nil or BOTH is -4061.
    public var positionSide: PositionSide?
    public var type: OrderType
    /// Base quantity; must be nil with `closePosition`.
    public var quantity: Quantity?
    /// Limit price (LIMIT, STOP, TAKE_PROFIT).
    public var price: Price?
    /// Trigger price (STOP*, TAKE_PROFIT*).
    public var stopPrice: Price?
    /// Defaults to GTC where Binance does.
    public var timeInForce: TimeInForce?
    public var workingType: WorkingType
    /// Close-All: closes the whole leg at trigger time (STOP_MARKET / TAKE_PROFIT_MARKET only).
    public var closePosition: Bool
    /// nil when not sent. Any value is -1106 in hedge mode.
    public var reduceOnly: Bool?
    /// TRAILING_STOP_MARKET activation price (defaults to the latest price).
    public var activationPrice: Price?
    /// TRAILING_STOP_MARKET callback rate in percent (1 = 1 %), 0.1 … 10.
    public var callbackRate: Rate?
    /// Do not trigger when |mark − last| / mark exceeds the symbol's `triggerProtect`.
    public var priceProtect: Bool
    public var clientOrderID: String?
    /// Simulator extension, not a Binance parameter: orders that share a group cancel each other
    /// at the path point where one of them fills. It models the trade engine's OCO monitor
    /// reacting with zero latency, so a strategy's own SL and TP can never both fill.
    public var ocoGroup: Int64?
    /// Simulator extension, not a Binance parameter: the price a MARKET order refers to under
    /// the `signal_price` fill reference (the signal's `current_price`, clamped into the bar's range).
    public var referencePrice: Price?

    @inlinable public init(
        symbol: Symbol, side: Side, positionSide: PositionSide?, type: OrderType,
        quantity: Quantity? = nil, price: Price? = nil, stopPrice: Price? = nil, timeInForce: TimeInForce? = nil,
        workingType: WorkingType = .contractPrice, closePosition: Bool = false, reduceOnly: Bool? = nil,
        activationPrice: Price? = nil, callbackRate: Rate? = nil, priceProtect: Bool = false,
        clientOrderID: String? = nil, ocoGroup: Int64? = nil, referencePrice: Price? = nil
    ) {
        self.symbol = symbol
        self.side = side
        self.positionSide = positionSide
        self.type = type
        self.quantity = quantity
        self.price = price
        self.stopPrice = stopPrice
        self.timeInForce = timeInForce
        self.workingType = workingType
        self.closePosition = closePosition
        self.reduceOnly = reduceOnly
        self.activationPrice = activationPrice
        self.callbackRate = callbackRate
        self.priceProtect = priceProtect
        self.clientOrderID = clientOrderID
        self.ocoGroup = ocoGroup
        self.referencePrice = referencePrice
    }

    /// True when the order reduces its leg (SELL/LONG or BUY/SHORT): implicitly reduce-only in
    /// hedge mode.
    public var isCloseSide: Bool {
        guard let positionSide, positionSide != .both else { return false }
        return side == positionSide.closingSide
    }
}

/// The synchronous answer to an accepted order.
public struct OrderAck: Sendable, Hashable {
    public var orderID: OrderID
    public var clientOrderID: String?
    public var status: OrderStatus
    public var time: Timestamp

    @inlinable public init(orderID: OrderID, clientOrderID: String?, status: OrderStatus, time: Timestamp) {
        self.orderID = orderID
        self.clientOrderID = clientOrderID
        self.status = status
        self.time = time
    }
}

/// A Binance error response: `{"code": -2019, "msg": "Margin is insufficient."}`.
public struct ExchangeRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Binance's error code (negative).
    public var code: Int
    /// Binance's message text.
    public var message: String

    @inlinable public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code) \(message)" }
}
