/// One hedge-mode leg as the exchange books it (`GET /fapi/v3/positionRisk`).
public struct PositionSnapshot: Sendable, Hashable {
    public var symbol: Symbol
    public var positionSide: PositionSide
    /// Unsigned size (zero when flat).
    public var quantity: Quantity
    /// Average entry price (zero when flat).
    public var entryPrice: Price
    /// Exact cost basis: Σ entry notional of the open quantity.
    public var costBasis: Money
    /// Mark-to-market PnL at the current mark price.
    public var unrealizedPnL: Money
    /// Pre-fee realized PnL accumulated over the leg's life in the run.
    public var realizedPnL: Money
    public var leverage: Int
    public var marginMode: MarginMode
    /// Isolated wallet (zero in cross mode).
    public var isolatedWallet: Money
    /// Liquidation price; nil when flat or when it would be ≤ 0.
    public var liquidationPrice: Price?

    @inlinable public init(
        symbol: Symbol, positionSide: PositionSide, quantity: Quantity, entryPrice: Price, costBasis: Money,
        unrealizedPnL: Money, realizedPnL: Money, leverage: Int, marginMode: MarginMode, isolatedWallet: Money,
        liquidationPrice: Price?
    ) {
        self.symbol = symbol
        self.positionSide = positionSide
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.costBasis = costBasis
        self.unrealizedPnL = unrealizedPnL
        self.realizedPnL = realizedPnL
        self.leverage = leverage
        self.marginMode = marginMode
        self.isolatedWallet = isolatedWallet
        self.liquidationPrice = liquidationPrice
    }
}

/// The exchange as the trade engine sees it: the subset of Binance's USDⓈ-M API the live engine
/// calls. The simulator (`Exchange` target) implements it; the engine (`TradeEngine` target)
/// only ever talks to this protocol, so either can be tested alone.
///
/// Fills and order updates do not come back from `place`: the exchange delivers them as
/// `ExchangeEvent`s, in order, to whoever drives the simulation.
public protocol ExchangeClient: AnyObject {
    /// The current simulation time (the exchange's clock).
    var currentTime: Timestamp { get }

    /// Places an order. Returns the acknowledgement, or Binance's rejection (code and message).
    func place(_ request: OrderRequest) -> Result<OrderAck, ExchangeRejection>

    /// Cancels a working order (-2011 "Unknown order sent." when it is not working).
    func cancel(symbol: Symbol, orderID: OrderID) -> Result<OrderUpdate, ExchangeRejection>

    /// The symbol's rules, or nil for an unknown symbol.
    func rules(for symbol: Symbol) -> SymbolRules?

    /// The symbol's price and lot filters, or nil for an unknown symbol (the default reads them
    /// from `rules(for:)`).
    func orderFilters(for symbol: Symbol) -> OrderFilters?

    /// The wallet balance: initial + realized − commissions ± funding − liquidation fees.
    var walletBalance: Money { get }

    /// The balance available for new orders (Binance `availableBalance`).
    var availableBalance: Money { get }

    /// One leg.
    func position(_ symbol: Symbol, _ side: PositionSide) -> PositionSnapshot

    /// The last trade price (latest kline path point), nil before the symbol's first bar.
    func lastPrice(_ symbol: Symbol) -> Price?

    /// The mark price, nil before the symbol's first bar.
    func markPrice(_ symbol: Symbol) -> Price?

    /// Working conditional (algo) orders on one symbol, or on the whole account when nil.
    func openConditionalOrderCount(symbol: Symbol?) -> Int

    /// The leverage set for a symbol.
    func leverage(for symbol: Symbol) -> Int
}

extension ExchangeClient {
    public func orderFilters(for symbol: Symbol) -> OrderFilters? {
        rules(for: symbol).map(OrderFilters.init)
    }
}
