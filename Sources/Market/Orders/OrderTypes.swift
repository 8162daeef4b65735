/// Exchange-assigned order id (sequential per run in the simulator).
public typealias OrderID = Int64
/// Exchange-assigned trade id (sequential per run in the simulator).
public typealias TradeID = Int64

/// Binance USDⓈ-M order types (`LIQUIDATION` appears only on the exchange's own orders).
public enum OrderType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case market = "MARKET"
    case limit = "LIMIT"
    case stop = "STOP"
    case stopMarket = "STOP_MARKET"
    case takeProfit = "TAKE_PROFIT"
    case takeProfitMarket = "TAKE_PROFIT_MARKET"
    case trailingStopMarket = "TRAILING_STOP_MARKET"
    case liquidation = "LIQUIDATION"

    /// True for the types that wait for a trigger (the algo-order family since 2025-12).
    public var isConditional: Bool {
        switch self {
        case .stop, .stopMarket, .takeProfit, .takeProfitMarket, .trailingStopMarket: true
        case .market, .limit, .liquidation: false
        }
    }

    /// True for the types that become a MARKET order when they trigger.
    public var triggersToMarket: Bool {
        self == .stopMarket || self == .takeProfitMarket || self == .trailingStopMarket
    }

    public var description: String { rawValue }
}

/// Binance time in force. `GTE_GTC` is what the UI's TP/SL orders use: good until the position
/// closes.
public enum TimeInForce: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case gtc = "GTC"
    case ioc = "IOC"
    case fok = "FOK"
    /// Post only.
    case gtx = "GTX"
    case gteGtc = "GTE_GTC"

    public var description: String { rawValue }
}

/// Which price a conditional order watches.
public enum WorkingType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The last trade price (the kline path). Binance's default.
    case contractPrice = "CONTRACT_PRICE"
    /// The mark price (mark-price klines when given, else the kline path).
    case markPrice = "MARK_PRICE"

    public var description: String { rawValue }
}

/// Binance order status.
public enum OrderStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case new = "NEW"
    case partiallyFilled = "PARTIALLY_FILLED"
    case filled = "FILLED"
    case canceled = "CANCELED"
    case rejected = "REJECTED"
    case expired = "EXPIRED"

    /// True once the order can no longer fill.
    public var isFinal: Bool { self == .filled || self == .canceled || self == .rejected || self == .expired }

    public var description: String { rawValue }
}

/// The execution type `x` of an `ORDER_TRADE_UPDATE`.
public enum ExecutionType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case new = "NEW"
    case canceled = "CANCELED"
    /// A liquidation fill.
    case calculated = "CALCULATED"
    case expired = "EXPIRED"
    case trade = "TRADE"

    public var description: String { rawValue }
}

/// The expiry reason `er` of an `ORDER_TRADE_UPDATE` (added 2025-10-23).
public enum ExpiryReason: Int, Sendable, Hashable, CaseIterable {
    case none = 0
    case selfTradePrevention = 1
    case iocRemainder = 2
    case iocSelfTradePrevention = 3
    /// Knocked out by a higher-priority reduce-only order, or it would reverse the position.
    case reduceOnlyKnockout = 4
    /// The account was liquidated.
    case liquidation = 5
    /// GTE condition unsatisfied: the position it protected is gone.
    case gteConditionUnsatisfied = 6
    case delisted = 7
    /// The initial order expired after the stop order triggered.
    case stopTriggered = 8
    /// A market order could not be filled completely.
    case marketNotFilled = 9
}

/// Cross or isolated margin, set per symbol.
public enum MarginMode: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case cross
    case isolated

    public var description: String { rawValue }
}

/// The asset a commission is paid in.
public enum CommissionAsset: String, Sendable, Hashable, CustomStringConvertible {
    case usdt = "USDT"
    /// With the BNB fee discount switched on (10 % off, booked as USDT-equivalent here).
    case bnb = "BNB"

    public var description: String { rawValue }
}
