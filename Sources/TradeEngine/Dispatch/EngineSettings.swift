public import Market

/// How exits reach strategies (DESIGN.md §4).
public enum ProtectionModel: String, Sendable, Hashable, CaseIterable {
    /// Every strategy position carries its own STOP_MARKET and TAKE_PROFIT_MARKET sized to its own
    /// quantity; a hit closes only that strategy's quantity at its own entry price.
    case perStrategy = "per_strategy"
    /// What production does today: one closePosition OCO pair per (symbol, side) owned by the
    /// first opener, with the live guards; a trigger closes the whole side.
    case liveCompat = "live_compat"
}

/// What the live OCO monitor sees when a closePosition leg fills (live_compat).
public enum LiveOcoOutcome: String, Sendable, Hashable, CaseIterable {
    /// The monitor sees the filled leg: the owner is closed with the whole executed quantity.
    case ownerClosed = "owner_closed"
    /// Both legs are gone before the 2 s poll (GTE_GTC expiry): nobody is closed; the reconciler
    /// evicts every contributor later.
    case bothLegsGone = "both_legs_gone"
}

/// The dispatcher's settings beyond the aggregator's: risk limits and the protection model.
public struct DispatchSettings: Sendable, Hashable {
    public var risk = RiskSettings()
    public var protection: ProtectionModel = .perStrategy
    /// What protective orders trigger on (live: MARK_PRICE).
    public var protectionWorkingType: WorkingType = .markPrice
    /// live_compat: a ghost strategy position is evicted once it is this old (ms).
    public var reconcilerDelay: Int64 = 300_000
    /// live_compat: how often the reconciler runs (ms).
    public var reconcilerInterval: Int64 = 60_000
    public var liveOcoOutcome: LiveOcoOutcome = .ownerClosed

    public init() {}

    /// The settings of a model with the live algo-order limits under live_compat.
    public static func model(_ protection: ProtectionModel) -> DispatchSettings {
        var s = DispatchSettings()
        s.protection = protection
        if protection == .liveCompat {
            s.risk.maxAlgoOrdersPerSymbol = RiskSettings.liveAlgoLimits.perSymbol
            s.risk.maxAlgoOrdersPerAccount = RiskSettings.liveAlgoLimits.perAccount
            s.risk.algoOrdersPerEntry = 1
        }
        return s
    }
}

/// An executed entry decision, as the dispatcher needs it (§6.2): the signal's fields after the
/// processor's order parameters were applied.
public struct EntryIntent: Sendable, Hashable {
    public var sequence: Int
    public var strategyID: String
    public var signalID: String?
    public var decisionID: String?
    public var symbol: Symbol
    /// `buy` → LONG, anything else → SHORT (live).
    public var isBuy: Bool
    /// The signal's `current_price`: sizing price and limit price.
    public var currentPrice: Price
    public var quantity: Quantity
    /// The processor-scaled `position_size_pct`.
    public var positionSizePercent: Rate?
    public var stopLoss: Price?
    public var stopLossPercent: Rate?
    public var takeProfit: Price?
    public var takeProfitPercent: Rate?
    /// The signal's order type (`market`, `limit`, `stop`, …) and time in force.
    public var orderType: String
    public var timeInForce: String
    public var metadata: StrategyMetadata

    @inlinable public init(
        sequence: Int, strategyID: String, signalID: String?, decisionID: String?, symbol: Symbol, isBuy: Bool,
        currentPrice: Price, quantity: Quantity, positionSizePercent: Rate?, stopLoss: Price?,
        stopLossPercent: Rate?, takeProfit: Price?, takeProfitPercent: Rate?, orderType: String = "market",
        timeInForce: String = "GTC", metadata: StrategyMetadata
    ) {
        self.sequence = sequence
        self.strategyID = strategyID
        self.signalID = signalID
        self.decisionID = decisionID
        self.symbol = symbol
        self.isBuy = isBuy
        self.currentPrice = currentPrice
        self.quantity = quantity
        self.positionSizePercent = positionSizePercent
        self.stopLoss = stopLoss
        self.stopLossPercent = stopLossPercent
        self.takeProfit = takeProfit
        self.takeProfitPercent = takeProfitPercent
        self.orderType = orderType
        self.timeInForce = timeInForce
        self.metadata = metadata
    }

    /// The leg it opens.
    public var side: PositionSide { isBuy ? .long : .short }
}

/// What the dispatcher did with a decision (§6.1 statuses after the processor).
public struct DispatchOutcome: Sendable, Hashable {
    /// `executed`, `rejected` or `exchange_failed`.
    public var status: String
    /// `risk`, `sizing`, `exchange`, `close`, or `dispatch` for an accepted order.
    public var stage: String
    public var reason: String
    public var quantity: Quantity?
    public var orderID: OrderID?

    @inlinable public init(
        status: String, stage: String, reason: String, quantity: Quantity? = nil, orderID: OrderID? = nil
    ) {
        self.status = status
        self.stage = stage
        self.reason = reason
        self.quantity = quantity
        self.orderID = orderID
    }

    public var isExecuted: Bool { status == "executed" }
}
