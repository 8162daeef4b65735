public import Market

/// One symbol's market data and rules, as the simulator consumes them.
public struct SymbolMarket: Sendable {
    /// Filters, contract fields and leverage brackets.
    public var rules: SymbolRules
    /// The trade klines that drive the simulation.
    public var klines: KlineSeries
    /// Mark-price klines; when nil the mark price is the kline path.
    public var markKlines: KlineSeries?
    /// Finer klines (e.g. 1m under 1h bars) used to replay ambiguous bars.
    public var detailKlines: KlineSeries?
    /// Funding settlements in time order.
    public var funding: [FundingRate]

    public init(
        rules: SymbolRules, klines: KlineSeries, markKlines: KlineSeries? = nil, detailKlines: KlineSeries? = nil,
        funding: [FundingRate] = []
    ) {
        self.rules = rules
        self.klines = klines
        self.markKlines = markKlines
        self.detailKlines = detailKlines
        self.funding = funding
    }

    /// The symbol.
    public var symbol: Symbol { rules.symbol }
}
