public import Market

/// The live engine's risk settings (§3.5, §7), defaulting to the live values.
public struct RiskSettings: Sendable, Hashable {
    /// `RISK_MANAGEMENT_ENABLED`.
    public var enabled: Bool = true
    /// `allowed_symbols`; empty allows every symbol.
    public var allowedSymbols: [Symbol] = []
    /// `MAX_POSITION_SIZE_PCT`: the largest processor-scaled `position_size_pct`.
    public var maxPositionSizePercent: Rate = Rate(raw: 10_000_000)
    /// `MAX_PORTFOLIO_EXPOSURE_PCT`: gross exposure / available balance.
    public var maxPortfolioExposurePercent: Rate = Rate(raw: 80_000_000)
    /// `MAX_DAILY_LOSS_PCT`: of the available balance.
    public var maxDailyLossPercent: Rate = Rate(raw: 5_000_000)
    /// `MAX_POSITION_SIZE`: base units; checked only when the leg is already open.
    public var maxPositionSize: Quantity = 10_000
    /// `max_leverage_bound`.
    public var maxLeverageBound: Int = 125
    /// `portfolio_leverage_cap` (0 = off): Σ leverage of open strategy positions + leverage.
    public var portfolioLeverageCap: Int = 0
    /// Conditional-order slots: per symbol (nil = no per-symbol limit) and per account.
    public var maxAlgoOrdersPerSymbol: Int? = nil
    public var maxAlgoOrdersPerAccount: Int = 200
    /// Conditional orders an entry needs free (its own SL and TP under per_strategy).
    public var algoOrdersPerEntry: Int = 2

    public init() {}

    /// The live engine's slot limits (9 per symbol, 98 per account, checked as "at least one").
    public static let liveAlgoLimits: (perSymbol: Int, perAccount: Int) = (9, 98)
}

/// A risk rejection with the live reason code (`rejection_reason`) and `rejection_source`.
public enum RiskRejection: String, Error, Sendable, Hashable, CaseIterable {
    case symbolNotAllowed = "symbol_not_allowed"
    case refreshFailure = "refresh_failure"
    case insufficientMargin = "insufficient_margin"
    case absolutePositionSize = "absolute_position_size"
    case positionSizePercent = "position_size_pct"
    case portfolioExposure = "portfolio_exposure"
    case algoOrderLimits = "algo_order_limits"
    case dailyLossLimitsExceeded = "daily_loss_limits_exceeded"
    case leverageBound = "leverage_bound"

    /// The dispatcher's `rejection_source` for this reason.
    public var source: String {
        switch self {
        case .symbolNotAllowed: "whitelist"
        case .insufficientMargin: "balance"
        case .leverageBound: "leverage_bound"
        default: "risk_check"
        }
    }
}

/// What the risk checks look at for one order.
public struct RiskContext: Sendable {
    public var symbol: Symbol
    /// LONG for a buy, SHORT otherwise (live derives it from the order side).
    public var side: PositionSide
    public var amount: Quantity
    /// The processor-scaled `position_size_pct`, if any.
    public var positionSizePercent: Rate?
    /// The available balance (live's `total_portfolio_value`); nil when it cannot be read.
    public var portfolioValue: Money?
    public var leverage: Int
    /// Σ leverage of open strategy positions (for the portfolio leverage cap).
    public var openStrategyLeverage: Int
    public var algoOrdersOnSymbol: Int
    public var algoOrdersOnAccount: Int
    public var now: Timestamp

    public init(
        symbol: Symbol, side: PositionSide, amount: Quantity, positionSizePercent: Rate?, portfolioValue: Money?,
        leverage: Int, openStrategyLeverage: Int, algoOrdersOnSymbol: Int, algoOrdersOnAccount: Int, now: Timestamp
    ) {
        self.symbol = symbol
        self.side = side
        self.amount = amount
        self.positionSizePercent = positionSizePercent
        self.portfolioValue = portfolioValue
        self.leverage = leverage
        self.openStrategyLeverage = openStrategyLeverage
        self.algoOrdersOnSymbol = algoOrdersOnSymbol
        self.algoOrdersOnAccount = algoOrdersOnAccount
        self.now = now
    }
}

/// The live risk gates, in live order: `check_position_limits` (§3.5 steps 1–10), then
/// `check_daily_loss_limits`, then the leverage bound guard.
public enum RiskLimits {
    /// `check_position_limits`; nil when the order passes.
    public static func positionLimits(
        _ c: RiskContext, book: PositionBook, settings s: RiskSettings
    )
        -> RiskRejection?
    {
        guard s.enabled else { return nil }
        if !s.allowedSymbols.isEmpty && !s.allowedSymbols.contains(c.symbol) { return .symbolNotAllowed }
        guard let portfolio = c.portfolioValue else { return .refreshFailure }
        guard portfolio.isPositive else { return .insufficientMargin }
        if let existing = book.position(PositionKey(c.symbol, c.side)), existing.quantity.isPositive {
            // A sum past the fixed-point range is past any limit.
            guard let total = existing.quantity.adding(checked: c.amount), total <= s.maxPositionSize else {
                return .absolutePositionSize
            }
        }
        if let pct = c.positionSizePercent, pct > s.maxPositionSizePercent { return .positionSizePercent }
        if exposure(book: book, portfolio: portfolio) > s.maxPortfolioExposurePercent.doubleValue {
            return .portfolioExposure
        }
        if let perSymbol = s.maxAlgoOrdersPerSymbol, c.algoOrdersOnSymbol + s.algoOrdersPerEntry > perSymbol {
            return .algoOrderLimits
        }
        if c.algoOrdersOnAccount + s.algoOrdersPerEntry > s.maxAlgoOrdersPerAccount { return .algoOrderLimits }
        return nil
    }

    /// The live account refresh (`total_portfolio_value`): the account's `availableBalance`,
    /// else its `totalWalletBalance`; nil when it has neither (a refresh failure, RL9, RL15).
    public static func portfolioValue(availableBalance: Money?, totalWalletBalance: Money?) -> Money? {
        availableBalance ?? totalWalletBalance
    }

    /// Gross exposure over the available balance (1.0 when the balance is not positive).
    public static func exposure(book: PositionBook, portfolio: Money) -> Double {
        guard portfolio.isPositive else { return 1.0 }
        return book.grossExposure.doubleValue / portfolio.doubleValue
    }

    /// `check_daily_loss_limits`: fails when the day's realized PnL is below
    /// −(balance × max daily loss).
    public static func dailyLoss(_ c: RiskContext, book: PositionBook, settings s: RiskSettings) -> RiskRejection? {
        guard s.enabled else { return nil }
        guard let portfolio = c.portfolioValue else { return .dailyLossLimitsExceeded }
        let limit = portfolio.scaled(by: s.maxDailyLossPercent)
        return book.dailyPnL(at: c.now) < -limit ? .dailyLossLimitsExceeded : nil
    }

    /// The leverage bound guard (fails open in live; deterministic here).
    public static func leverageBound(_ c: RiskContext, settings s: RiskSettings) -> RiskRejection? {
        if c.leverage > s.maxLeverageBound { return .leverageBound }
        if s.portfolioLeverageCap > 0 && c.openStrategyLeverage + c.leverage > s.portfolioLeverageCap {
            return .leverageBound
        }
        return nil
    }

    /// All three in live order.
    public static func check(_ c: RiskContext, book: PositionBook, settings s: RiskSettings) -> RiskRejection? {
        positionLimits(c, book: book, settings: s) ?? dailyLoss(c, book: book, settings: s)
            ?? leverageBound(c, settings: s)
    }
}
