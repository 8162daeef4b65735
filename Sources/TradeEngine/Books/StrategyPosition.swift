public import Market

/// The lifecycle state of a strategy position (§4.9).
public enum StrategyPositionStatus: String, Sendable, Hashable, CaseIterable {
    case open
    /// Part of the quantity was closed.
    case partial
    case closed
    /// Evicted by the reconciler because its exchange position vanished (live_compat), no PnL.
    case closedExternally = "closed_externally"
}

/// Why a strategy position (or part of it) was closed.
public enum CloseReason: String, Sendable, Hashable, CaseIterable {
    case takeProfit = "take_profit"
    case stopLoss = "stop_loss"
    /// A close not caused by the strategy's own protection (live's default reason).
    case manual
    case liquidation
    /// The reconciler's ghost eviction (live_compat).
    case noExchangePosition = "no_exchange_position"
    /// The strategy sent a `close` signal (per_strategy).
    case closeSignal = "close_signal"
    /// A rollback of an entry whose protection could not be placed (live_compat).
    case atomicRollback = "atomic_rollback_oco_failure"
}

/// Metadata the live engine keeps with a strategy position (`strategy_metadata`).
public struct StrategyMetadata: Sendable, Hashable {
    public var timeframe: String
    public var confidence: Double
    public var strength: String
    public var rationale: String?

    @inlinable public init(timeframe: String, confidence: Double, strength: String, rationale: String?) {
        self.timeframe = timeframe
        self.confidence = confidence
        self.strength = strength
        self.rationale = rationale
    }
}

/// A virtual per-strategy position (§4.1–4.5): one per executed entry signal, with its own
/// entry, its own TP/SL levels and its own PnL.
///
/// PnL uses the strategy's own entry price: LONG `(exit − entry) × qty`, SHORT
/// `(entry − exit) × qty`, pre-fee as live; fees, funding and liquidation fees are kept in their
/// own fields (`netPnL` sums them).
public struct StrategyPosition: Sendable, Hashable {
    /// `sp-000001`, sequential per run.
    public var id: String
    /// 1-based creation order.
    public var sequence: Int
    public var strategyID: String
    /// `signal_id or id` of the entry signal.
    public var signalID: String?
    public var decisionID: String?
    /// Input order (`seq`) of the entry signal's decision.
    public var signalSequence: Int
    public var symbol: Symbol
    public var side: PositionSide
    public var entryQuantity: Quantity
    public var entryPrice: Price
    public var entryTime: Timestamp
    public var entryOrderID: OrderID?
    /// The strategy's requested levels (§4.2), before any exchange-side correction.
    public var takeProfitPrice: Price?
    public var stopLossPrice: Price?
    /// Its own protective orders (per_strategy), or the OCO legs it owns (live_compat).
    public var takeProfitOrderID: OrderID?
    public var stopLossOrderID: OrderID?
    /// Why a protective order was not placed (a Binance rejection, a live guard), if one was not.
    public var protectionNote: String?
    public var status: StrategyPositionStatus
    /// `BTCUSDT_LONG`.
    public var exchangePositionKey: String
    /// The exchange position lifecycle this entry contributed to (`ep-000001`).
    public var lifecycleID: String
    public var metadata: StrategyMetadata

    /// Quantity still open.
    public var remainingQuantity: Quantity
    /// Σ closed quantity and Σ exit notional (for the volume-weighted exit price).
    public var exitQuantity: Quantity = .zero
    public var exitValue: Money = .zero
    public var exitTime: Timestamp?
    public var exitOrderID: OrderID?
    public var closeReason: CloseReason?
    /// Pre-fee realized PnL at the strategy's own entry price.
    public var realizedPnL: Money = .zero
    /// Commissions of its entry and exit fills.
    public var commission: Money = .zero
    /// Its share of funding (signed: positive received).
    public var funding: Money = .zero
    /// Its share of liquidation clearance fees.
    public var liquidationFee: Money = .zero
    /// True when an exit of this position was decided by the intrabar path assumption.
    public var ambiguousExit: Bool = false

    /// The volume-weighted exit price, nil before any exit.
    public var exitPrice: Price? {
        exitQuantity.isPositive ? exitValue.price(per: exitQuantity) : nil
    }

    /// `realized / (entry × exit quantity) × 100`, 0 when entry or quantity is not positive (§4.5);
    /// computed exactly and rounded to 4 decimals (the live column is DECIMAL(10,4)).
    public var realizedPnLPercent: Double {
        let basis = entryPrice.notional(exitQuantity)
        guard entryPrice.isPositive, basis.isPositive else { return 0 }
        let fraction = realizedPnL.ratio(to: basis, .nearest)
        return Rate(raw: fraction.raw * 100).rounded(decimals: 4, .nearest).doubleValue
    }

    /// Realized PnL after commissions, funding and liquidation fees.
    public var netPnL: Money { realizedPnL - commission + funding - liquidationFee }

    /// Mark-to-market PnL of the open quantity.
    public func unrealizedPnL(mark: Price) -> Money {
        PositionBook.pnl(side: side, entry: entryPrice, exit: mark, quantity: remainingQuantity)
    }

    /// True while quantity is open (`open` or `partial`).
    public var isOpen: Bool { status == .open || status == .partial }
}

/// The link between a strategy position and the exchange position it added to (§4.4).
public struct PositionContribution: Sendable, Hashable {
    /// `pc-000001`.
    public var id: String
    public var strategyPositionID: String
    public var exchangePositionKey: String
    public var lifecycleID: String
    public var strategyID: String
    public var symbol: Symbol
    public var side: PositionSide
    public var quantity: Quantity
    public var entryPrice: Price
    public var time: Timestamp
    /// 1st, 2nd, … contribution to the lifecycle.
    public var sequence: Int
    public var exchangeQuantityBefore: Quantity
    public var exchangeQuantityAfter: Quantity
    /// `active` or `closed`.
    public var isClosed: Bool = false
    public var closeReason: CloseReason?
    public var exitTime: Timestamp?
    public var exitPrice: Price?
    public var pnl: Money?
    public var pnlPercent: Double?
}

/// One open→flat cycle of a physical hedge-mode leg (§4.3). The key (`BTCUSDT_LONG`) is reused
/// across cycles; the record is not: each cycle has its own lifecycle id.
public struct ExchangePositionRecord: Sendable, Hashable {
    /// `ep-000001`.
    public var lifecycleID: String
    public var key: PositionKey
    /// As the strategy book sees it: Σ contributions − Σ strategy exits.
    public var currentQuantity: Quantity
    /// Volume-weighted average of the contributions.
    public var weightedAveragePrice: Price
    public var firstEntryTime: Timestamp
    public var lastUpdateTime: Timestamp
    public var closedTime: Timestamp?
    public var isOpen: Bool
    /// Distinct contributing strategies in order of first contribution.
    public var contributingStrategies: [String]
    public var totalContributions: Int
    /// The largest quantity the leg reached.
    public var peakQuantity: Quantity
    /// Exchange-side truth over the cycle: realized PnL of its fills, commissions, funding,
    /// liquidation fees.
    public var realizedPnL: Money = .zero
    public var commission: Money = .zero
    public var funding: Money = .zero
    public var liquidationFee: Money = .zero
    /// Fills on this cycle flagged ambiguous.
    public var ambiguousFills: Int = 0
    /// True when the cycle ended in a liquidation.
    public var liquidated: Bool = false
}
