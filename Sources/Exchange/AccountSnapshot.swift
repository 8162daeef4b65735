public import Market

/// The account as Binance's `GET /fapi/v3/account` summarises it, at the current mark prices.
public struct AccountSnapshot: Sendable, Hashable {
    /// initial + realized − commissions ± funding − liquidation fees.
    public var walletBalance: Money
    /// The wallet minus every isolated leg's wallet.
    public var crossWalletBalance: Money
    /// Σ isolated wallets.
    public var isolatedWalletBalance: Money
    /// Σ unrealized PnL of every leg at its mark price.
    public var unrealizedPnL: Money
    /// Σ unrealized PnL of the cross legs.
    public var crossUnrealizedPnL: Money
    /// Σ mark notional / leverage of every open leg.
    public var positionInitialMargin: Money
    /// Margin reserved by working opening LIMIT and pending MARKET orders.
    public var openOrderInitialMargin: Money
    /// Σ maintenance margin of every open leg (bracket of its mark notional).
    public var maintenanceMargin: Money
    /// wallet + unrealized PnL (equity).
    public var marginBalance: Money
    /// crossWallet + cross unrealized − cross position initial margin − open-order margin.
    public var availableBalance: Money
    /// Σ pre-fee realized PnL.
    public var realizedPnL: Money
    /// Σ commissions.
    public var commissions: Money
    /// Σ funding (signed: received positive).
    public var funding: Money
    /// Σ liquidation clearance fees.
    public var liquidationFees: Money

    public init(
        walletBalance: Money, crossWalletBalance: Money, isolatedWalletBalance: Money, unrealizedPnL: Money,
        crossUnrealizedPnL: Money, positionInitialMargin: Money, openOrderInitialMargin: Money,
        maintenanceMargin: Money, marginBalance: Money, availableBalance: Money, realizedPnL: Money,
        commissions: Money, funding: Money, liquidationFees: Money
    ) {
        self.walletBalance = walletBalance
        self.crossWalletBalance = crossWalletBalance
        self.isolatedWalletBalance = isolatedWalletBalance
        self.unrealizedPnL = unrealizedPnL
        self.crossUnrealizedPnL = crossUnrealizedPnL
        self.positionInitialMargin = positionInitialMargin
        self.openOrderInitialMargin = openOrderInitialMargin
        self.maintenanceMargin = maintenanceMargin
        self.marginBalance = marginBalance
        self.availableBalance = availableBalance
        self.realizedPnL = realizedPnL
        self.commissions = commissions
        self.funding = funding
        self.liquidationFees = liquidationFees
    }
}
