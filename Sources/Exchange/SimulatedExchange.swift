public import Market

/// A simulated Binance USDⓈ-M perpetual futures exchange in hedge mode, driven by klines.
///
/// The backtest loop drives it at every bar time in the order of the event-order contract
/// (docs/design.md, "The event-order contract"): `settleFunding(through:)`, then
/// `processBar(symbolIndex:barIndex:)` for each symbol with a bar (pending MARKET orders fill at
/// the open, then resting and conditional orders, trailing stops and liquidation walk the bar's
/// price path), the trade engine's `place` / `cancel`, and `markToMarket(symbolIndex:barIndex:)`.
///
/// Events reach `onEvent` synchronously, in the order they happen. The handler may call
/// `place` / `cancel` re-entrantly; the events those calls produce are delivered after the
/// handler returns, and orders placed while a bar is walked arm from the next path point.
///
/// Everything is deterministic: sequential order and trade ids from 1, no clock, no hashing
/// order. The exchange is owned by one run and is not `Sendable`.
///
/// See docs/exchange.md for every modelling choice (path times, fill rules, ambiguity,
/// margin, liquidation and funding formulas).
public final class SimulatedExchange: ExchangeClient {
    /// The configuration the exchange was built with.
    public let configuration: ExchangeConfiguration

    // MARK: Symbols (index = position in the symbol-sorted market list)

    let symbols: [Symbol]
    let symbolLookup: [Symbol: Int]
    let rules: [SymbolRules]
    let filters: [SymbolFilters]
    let tiers: [MarginTiers]
    let leverages: [Int]
    let isolated: [Bool]
    let bars: [BarColumns]
    let detail: [DetailBars?]
    let funding: [[FundingRate]]
    /// Mark price used for each funding settlement (open of the mark bar at or after it).
    let fundingMarks: [[Int64]]

    // MARK: Order books

    let symbolCount: Int

    // MARK: Mutable state (see `StateStorage`)

    /// Per symbol: what the per-bar fast path reads.
    let hot: StateStorage<SymbolHot>
    /// Per leg (index `symbol × 2 + (LONG 0, SHORT 1)`): size, cost and wallets, raw Money.
    let legs: StateStorage<Leg>
    /// Every other mutable field: the account totals, the order books, the walk and the event
    /// queue (read and written in place through `state`).
    private let stateStorage: StateStorage<ExchangeState>

    var state: ExchangeState {
        _read { yield stateStorage[0] }
        _modify { yield &stateStorage[0] }
    }

    /// Receives every event, synchronously and in order. The handler may call `place` and
    /// `cancel`; their events are delivered after it returns.
    public var onEvent: ((ExchangeEvent) -> Void)? {
        get { state.onEvent }
        set { state.onEvent = newValue }
    }

    /// Whether order updates that leave the order working (NEW on acceptance and on a trigger,
    /// TRADE of a partial fill) reach `onEvent` (default true). A client that only acts on final
    /// states and reads the rest from `orderHistory(at:)` can turn them off; final updates, fills
    /// and funding are always delivered, in the same order.
    public var deliversWorkingOrderUpdates: Bool {
        get { state.deliversWorkingOrderUpdates }
        set { state.deliversWorkingOrderUpdates = newValue }
    }

    // MARK: Account (raw Money)

    let initialBalance: Int64

    let makerRate: Int64
    let takerRate: Int64
    let commissionAsset: CommissionAsset
    let latency: Int64
    let slippageBasisPoints: Int64
    let slippageTicks: Int64

    /// Builds the exchange.
    ///
    /// - Parameters:
    ///   - configuration: every knob (see `ExchangeConfiguration`).
    ///   - markets: one entry per symbol, in any order (the exchange sorts them by symbol;
    ///     symbol indices refer to that order).
    /// - Throws: `ExchangeSetupError` for duplicate symbols, a leverage outside 1 … the
    ///   symbol's bracket maximum, leverage or margin settings for unknown symbols, klines not
    ///   strictly increasing, or funding out of time order.
    public convenience init(configuration: ExchangeConfiguration, markets: [SymbolMarket]) throws {
        try self.init(configuration: configuration, sorted: markets.sorted { $0.symbol < $1.symbol }, borrowing: nil)
    }

    /// Runs `body` with an exchange that reads the klines' own arrays in place instead of
    /// copying them: the runs of a comparison then share one copy of the data. The exchange must
    /// not be used after `body` returns (its bar pointers are valid only inside it).
    ///
    /// - Throws: what `init(configuration:markets:)` throws, or what `body` throws.
    public static func withExchange<T>(
        configuration: ExchangeConfiguration, markets: [SymbolMarket], _ body: (SimulatedExchange) throws -> T
    ) throws -> T {
        let sorted = markets.sorted { $0.symbol < $1.symbol }
        return try KlineColumns.withColumns(of: sorted.map(\.klines)) { columns in
            try body(SimulatedExchange(configuration: configuration, sorted: sorted, borrowing: columns))
        }
    }

    /// Runs `body` with an exchange that reads its bars from `streamed` (one entry per market, in
    /// the markets' symbol order), columns that a stream fills while the run goes on: the
    /// markets' own kline series are empty and give only the interval. The caller makes sure a
    /// bar is in its column before the exchange is driven to it, and keeps the columns valid
    /// until `body` returns; with funding, every bar must be in the columns when `body` starts
    /// (each settlement's mark is looked up then). Calendar-month bars need the whole series up
    /// front and are not accepted here, nor are mark klines in the markets: a market with mark
    /// prices gives them in `marks` instead, matched to its bars (for each bar the mark bar
    /// opening with it, else the bar's own prices), with the marks of its funding settlements in
    /// `fundingMarks` (the open of the first mark bar at or after each), as the exchange derives
    /// them from loaded mark klines. Detail klines may come as columns read in place too
    /// (`details`, with their interval; strictly increasing open times), instead of the markets'.
    ///
    /// - Throws: what `init(configuration:markets:)` throws, or what `body` throws.
    public static func withExchange<T>(
        configuration: ExchangeConfiguration, markets: [SymbolMarket], streamed: [KlineColumns],
        marks: [KlineColumns?] = [], fundingMarks: [[Int64]?] = [],
        details: [(columns: KlineColumns, interval: Interval)?] = [], _ body: (SimulatedExchange) throws -> T
    ) throws -> T {
        guard streamed.count == markets.count,
            zip(markets, markets.dropFirst()).allSatisfy({ $0.symbol < $1.symbol })
        else {
            throw ExchangeSetupError("streamed columns need one entry per market, in symbol order")
        }
        guard marks.isEmpty || marks.count == markets.count,
            fundingMarks.isEmpty || fundingMarks.count == markets.count,
            details.isEmpty || details.count == markets.count
        else {
            throw ExchangeSetupError("streamed mark prices and detail klines need one entry per market")
        }
        for market in markets
        where market.markKlines != nil || market.klines.interval.milliseconds == nil || !market.klines.isEmpty {
            throw ExchangeSetupError("streamed bars without mark klines or monthly bars (\(market.symbol))")
        }
        for k in markets.indices {
            if k < marks.count, let mark = marks[k], mark.count != streamed[k].count {
                throw ExchangeSetupError("streamed mark prices not one per bar (\(markets[k].symbol))")
            }
            if k < fundingMarks.count, let given = fundingMarks[k], given.count != markets[k].funding.count {
                throw ExchangeSetupError("streamed funding marks not one per settlement (\(markets[k].symbol))")
            }
        }
        return try body(
            SimulatedExchange(
                configuration: configuration, sorted: markets, borrowing: streamed, marks: marks,
                fundingMarks: fundingMarks, details: details))
    }

    /// `borrowing`: the klines' columns, valid for the exchange's lifetime; nil to copy them.
    /// `marks`, `fundingMarks`, `details`: streamed mark prices and detail klines (see
    /// `withExchange(…streamed:…)`).
    init(
        configuration: ExchangeConfiguration, sorted: [SymbolMarket], borrowing columns: [KlineColumns]?,
        marks: [KlineColumns?] = [], fundingMarks givenFundingMarks: [[Int64]?] = [],
        details: [(columns: KlineColumns, interval: Interval)?] = []
    ) throws {
        self.configuration = configuration
        var lookup: [Symbol: Int] = [:]
        for (index, market) in sorted.enumerated() {
            guard lookup[market.symbol] == nil else {
                throw ExchangeSetupError("duplicate market (\(market.symbol))")
            }
            lookup[market.symbol] = index
        }
        for symbol in configuration.leverage.keys.sorted() where lookup[symbol] == nil {
            throw ExchangeSetupError("leverage set for a symbol without market data (\(symbol))")
        }
        for symbol in configuration.marginModes.keys.sorted() where lookup[symbol] == nil {
            throw ExchangeSetupError("margin mode set for a symbol without market data (\(symbol))")
        }
        guard configuration.initialBalance.raw >= 0 else {
            throw ExchangeSetupError("initial balance is negative (\(configuration.initialBalance))")
        }
        guard configuration.latency >= 0 else {
            throw ExchangeSetupError("latency is negative (\(configuration.latency))")
        }
        switch configuration.slippage {
        case .bps(let points) where points < 0 || points >= 10_000:
            throw ExchangeSetupError("slippage outside 0…9999 bps (\(points))")
        case .ticks(let ticks) where ticks < 0:
            throw ExchangeSetupError("slippage ticks negative (\(ticks))")
        default:
            break
        }
        guard configuration.maxConditionalOrders >= 0 else {
            throw ExchangeSetupError("maxConditionalOrders is negative (\(configuration.maxConditionalOrders))")
        }
        var tiers: [MarginTiers] = []
        var leverages: [Int] = []
        for market in sorted {
            let symbolTiers = MarginTiers(market.rules.brackets)
            let leverage = configuration.leverage(for: market.symbol)
            guard leverage >= 1, leverage <= symbolTiers.maxLeverage else {
                throw ExchangeSetupError(
                    "leverage of \(market.symbol) outside 1…\(symbolTiers.maxLeverage)× (\(leverage))")
            }
            try Self.checkIncreasing(market.klines, name: "klines")
            if let mark = market.markKlines { try Self.checkIncreasing(mark, name: "mark klines") }
            if let detail = market.detailKlines { try Self.checkIncreasing(detail, name: "detail klines") }
            for k in market.funding.indices.dropFirst() where market.funding[k].time <= market.funding[k - 1].time {
                throw ExchangeSetupError(
                    "funding of \(market.symbol) not in increasing time order (\(market.funding[k].time))")
            }
            tiers.append(symbolTiers)
            leverages.append(leverage)
        }
        let count = sorted.count
        symbols = sorted.map(\.symbol)
        symbolLookup = lookup
        rules = sorted.map(\.rules)
        filters = sorted.map { SymbolFilters($0.rules) }
        self.tiers = tiers
        self.leverages = leverages
        isolated = sorted.map { configuration.marginMode(for: $0.symbol) == .isolated }
        let barColumns = sorted.indices.map { k in
            BarColumns(
                klines: sorted[k].klines, mark: sorted[k].markKlines, borrowing: columns?[k],
                borrowingMarks: k < marks.count ? marks[k] : nil)
        }
        bars = barColumns
        detail = sorted.indices.map { k in
            if k < details.count, let given = details[k] {
                return DetailBars(borrowing: given.columns, interval: given.interval)
            }
            return sorted[k].detailKlines.map(DetailBars.init)
        }
        funding = sorted.map(\.funding)
        // Without mark klines the marks come from the bar columns, which hold the klines (copied,
        // borrowed, or streamed: a spill maps every bar before the run).
        fundingMarks = sorted.indices.map { k in
            let market = sorted[k]
            if k < givenFundingMarks.count, let given = givenFundingMarks[k] { return given }
            if let source = market.markKlines {
                return market.funding.map { rate in
                    let index = source.firstIndex(atOrAfter: rate.time)
                    if index < source.count { return source.opens[index] }
                    return source.closes.last ?? 0
                }
            }
            let columns = barColumns[k]
            return market.funding.map { rate in
                let index = columns.firstIndex(atOrAfter: rate.time.milliseconds)
                if index < columns.count { return columns.open[index] }
                return columns.count > 0 ? columns.close[columns.count - 1] : 0
            }
        }
        symbolCount = count
        hot = StateStorage(repeating: SymbolHot(), count: count)
        legs = StateStorage(repeating: Leg(), count: count * 2)
        initialBalance = configuration.initialBalance.raw
        stateStorage = StateStorage(
            repeating: ExchangeState(symbols: count, wallet: configuration.initialBalance.raw), count: 1)
        let discount: Int64 = configuration.bnbFeeDiscount ? 90_000_000 : fixedPointOne
        makerRate = FixedPointMath.mulScaled(configuration.makerFee.raw, discount, .nearest)
        takerRate = FixedPointMath.mulScaled(configuration.takerFee.raw, discount, .nearest)
        commissionAsset = configuration.bnbFeeDiscount ? .bnb : .usdt
        latency = configuration.latency
        switch configuration.slippage {
        case .none:
            slippageBasisPoints = 0
            slippageTicks = 0
        case .bps(let points):
            slippageBasisPoints = Int64(points)
            slippageTicks = 0
        case .ticks(let ticks):
            slippageBasisPoints = 0
            slippageTicks = Int64(ticks)
        }
        recomputeNextFundingTime()
    }

    deinit {
        for columns in bars { columns.deallocate() }
        hot.deallocate()
        legs.deallocate()
        stateStorage.deallocate()
    }

    private static func checkIncreasing(_ series: KlineSeries, name: String) throws {
        for i in series.openTimes.indices.dropFirst() where series.openTimes[i] <= series.openTimes[i - 1] {
            throw ExchangeSetupError(
                "\(name) of \(series.symbol) not strictly increasing (\(Timestamp(milliseconds: series.openTimes[i])))")
        }
    }

    // MARK: Lookups

    /// The index of `symbol` (its position in symbol order), nil when unknown.
    public func symbolIndex(_ symbol: Symbol) -> Int? { lookup(symbol) }

    /// The symbols in index order.
    public var symbolList: [Symbol] { symbols }

    /// The number of bars of a symbol's kline series.
    public func barCount(symbolIndex: Int) -> Int {
        guard symbols.indices.contains(symbolIndex) else { return 0 }
        return bars[symbolIndex].count
    }

    /// The open time of one bar.
    public func barOpenTime(symbolIndex: Int, barIndex: Int) -> Timestamp? {
        guard symbols.indices.contains(symbolIndex), barIndex >= 0, barIndex < bars[symbolIndex].count else {
            return nil
        }
        return Timestamp(milliseconds: bars[symbolIndex].openTime[barIndex])
    }

    /// The index of `symbol`: a scan of the (short, inline-stored) names for a few symbols,
    /// which beats hashing the string; the dictionary for many.
    @inline(__always) func lookup(_ symbol: Symbol) -> Int? {
        guard symbolCount <= 16 else { return symbolLookup[symbol] }
        for s in 0..<symbolCount where symbols[s] == symbol { return s }
        return nil
    }

    @inline(__always) func legIndex(_ symbol: Int, _ side: PositionSide) -> Int {
        symbol &* 2 &+ (side == .short ? 1 : 0)
    }

    // MARK: ExchangeClient

    public var currentTime: Timestamp { Timestamp(milliseconds: state.now) }

    public func rules(for symbol: Symbol) -> SymbolRules? {
        guard let s = lookup(symbol) else { return nil }
        return rules[s]
    }

    public func orderFilters(for symbol: Symbol) -> OrderFilters? {
        guard let s = lookup(symbol) else { return nil }
        return OrderFilters(
            tickSize: rules[s].tickSize, stepSize: rules[s].stepSize, minQuantity: rules[s].minQuantity,
            minNotional: rules[s].minNotional)
    }

    public var walletBalance: Money { Money(raw: state.wallet) }

    public var availableBalance: Money { Money(raw: availableRaw()) }

    public func lastPrice(_ symbol: Symbol) -> Price? {
        guard let s = lookup(symbol), hot[s].lastPrice != 0 else { return nil }
        return Price(raw: hot[s].lastPrice)
    }

    public func markPrice(_ symbol: Symbol) -> Price? {
        guard let s = lookup(symbol), hot[s].markPrice != 0 else { return nil }
        return Price(raw: hot[s].markPrice)
    }

    public func openConditionalOrderCount(symbol: Symbol?) -> Int {
        guard let symbol else { return state.conditionalCount }
        guard let s = lookup(symbol) else { return 0 }
        return state.conditionalPerSymbol[s]
    }

    public func leverage(for symbol: Symbol) -> Int {
        guard let s = lookup(symbol) else { return configuration.defaultLeverage }
        return leverages[s]
    }
}

/// One run owns an exchange; it is not safe to share across tasks.
@available(*, unavailable)
extension SimulatedExchange: Sendable {}
