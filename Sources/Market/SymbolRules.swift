/// A symbol's trading rules from `exchangeInfo` (filters and contract fields) plus its leverage
/// brackets. A component set to zero disables that check, as on Binance.
public struct SymbolRules: Sendable, Hashable {
    public var symbol: Symbol
    /// `TRADING` for a live contract.
    public var status: String
    public var baseAsset: String
    public var quoteAsset: String
    public var marginAsset: String
    /// Decimal places Binance accepts in a price / quantity string (not the grid).
    public var pricePrecision: Int
    public var quantityPrecision: Int

    /// PRICE_FILTER.
    public var tickSize: Price
    public var minPrice: Price
    public var maxPrice: Price
    /// LOT_SIZE.
    public var stepSize: Quantity
    public var minQuantity: Quantity
    public var maxQuantity: Quantity
    /// MARKET_LOT_SIZE (applies to MARKET orders).
    public var marketStepSize: Quantity
    public var marketMinQuantity: Quantity
    public var marketMaxQuantity: Quantity
    /// MIN_NOTIONAL `notional`.
    public var minNotional: Money
    /// PERCENT_PRICE, relative to the mark price.
    public var multiplierUp: Rate
    public var multiplierDown: Rate
    /// MAX_NUM_ORDERS, and MAX_NUM_ALGO_ORDERS where the snapshot still has it.
    public var maxOpenOrders: Int
    public var maxOpenAlgoOrders: Int?
    /// Largest allowed |mark − last| / mark when a priceProtect order triggers.
    public var triggerProtect: Rate
    /// Liquidation clearance fee rate.
    public var liquidationFee: Rate
    /// Largest allowed market-order distance from mark.
    public var marketTakeBound: Rate
    /// Leverage brackets, ascending by notional; empty when none were loaded.
    public var brackets: [LeverageBracket]

    public init(
        symbol: Symbol, status: String = "TRADING", baseAsset: String = "", quoteAsset: String = "USDT",
        marginAsset: String = "USDT", pricePrecision: Int = 8, quantityPrecision: Int = 8,
        tickSize: Price, minPrice: Price = .zero, maxPrice: Price = .zero,
        stepSize: Quantity, minQuantity: Quantity, maxQuantity: Quantity = .zero,
        marketStepSize: Quantity? = nil, marketMinQuantity: Quantity? = nil, marketMaxQuantity: Quantity? = nil,
        minNotional: Money = .zero, multiplierUp: Rate = .zero, multiplierDown: Rate = .zero,
        maxOpenOrders: Int = 200, maxOpenAlgoOrders: Int? = nil, triggerProtect: Rate = .zero,
        liquidationFee: Rate = .zero, marketTakeBound: Rate = .zero, brackets: [LeverageBracket] = []
    ) {
        self.symbol = symbol
        self.status = status
        self.baseAsset = baseAsset
        self.quoteAsset = quoteAsset
        self.marginAsset = marginAsset
        self.pricePrecision = pricePrecision
        self.quantityPrecision = quantityPrecision
        self.tickSize = tickSize
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.stepSize = stepSize
        self.minQuantity = minQuantity
        self.maxQuantity = maxQuantity
        self.marketStepSize = marketStepSize ?? stepSize
        self.marketMinQuantity = marketMinQuantity ?? minQuantity
        self.marketMaxQuantity = marketMaxQuantity ?? maxQuantity
        self.minNotional = minNotional
        self.multiplierUp = multiplierUp
        self.multiplierDown = multiplierDown
        self.maxOpenOrders = maxOpenOrders
        self.maxOpenAlgoOrders = maxOpenAlgoOrders
        self.triggerProtect = triggerProtect
        self.liquidationFee = liquidationFee
        self.marketTakeBound = marketTakeBound
        self.brackets = brackets
    }

    /// The highest leverage any bracket allows (125 when no brackets are loaded).
    public var maxLeverage: Int { brackets.map(\.initialLeverage).max() ?? 125 }

    /// A price rounded to the tick grid.
    @inlinable public func roundPrice(_ price: Price, _ direction: RoundingDirection) -> Price {
        price.rounded(toMultipleOf: tickSize, direction)
    }

    /// A quantity rounded to the lot step.
    @inlinable public func roundQuantity(_ quantity: Quantity, _ direction: RoundingDirection) -> Quantity {
        quantity.rounded(toMultipleOf: stepSize, direction)
    }
}

/// The price and lot filters the engine sizes and prices its orders with: the scalar part of
/// `SymbolRules`, cheap to hand around (no strings or arrays to retain).
public struct OrderFilters: Sendable, Hashable {
    public var tickSize: Price
    public var stepSize: Quantity
    public var minQuantity: Quantity
    public var minNotional: Money

    @inlinable public init(tickSize: Price, stepSize: Quantity, minQuantity: Quantity, minNotional: Money) {
        self.tickSize = tickSize
        self.stepSize = stepSize
        self.minQuantity = minQuantity
        self.minNotional = minNotional
    }

    @inlinable public init(_ rules: SymbolRules) {
        self.init(
            tickSize: rules.tickSize, stepSize: rules.stepSize, minQuantity: rules.minQuantity,
            minNotional: rules.minNotional)
    }

    /// A price rounded to the tick grid.
    @inlinable public func roundPrice(_ price: Price, _ direction: RoundingDirection) -> Price {
        price.rounded(toMultipleOf: tickSize, direction)
    }
}
