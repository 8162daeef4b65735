public import Market

/// A simulated Binance USDⓈ-M perpetual futures exchange in hedge mode, driven by klines.
///
/// The backtest loop drives it at every bar time t, in this order (DESIGN.md §3):
/// 1. `settleFunding(through: t)`;
/// 2. `processBar(symbolIndex:barIndex:)` for each symbol with a bar at t, in symbol order:
///    pending MARKET orders fill at the bar's open, then resting and conditional orders, trailing
///    stops and liquidation walk the bar's price path;
/// 3. the trade engine calls `place` / `cancel` (MARKET orders then wait for the next open);
/// 5. `markToMarket(symbolIndex:barIndex:)`.
///
/// Events reach `onEvent` synchronously, in the order they happen. The handler may call
/// `place` / `cancel` re-entrantly; the events those calls produce are delivered after the
/// handler returns, and orders placed while a bar is walked arm from the next path point.
///
/// Everything is deterministic: sequential order and trade ids from 1, no clock, no hashing
/// order. The exchange is owned by one run and is not `Sendable`.
///
/// See docs/README-exchange.md for every modelling choice (path times, fill rules, ambiguity,
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
    let detail: [KlineSeries?]
    let funding: [[FundingRate]]
    /// Mark price used for each funding settlement (open of the mark bar at or after it).
    let fundingMarks: [[Int64]]

    // MARK: Order books

    let symbolCount: Int
    /// Per-symbol hot state, legs and cross contributions live in manually managed memory, and
    /// every other mutable field in `state` (see `ExchangeState`): accesses through a `let`
    /// pointer skip the dynamic exclusivity checks Swift makes on every access to a class's
    /// stored `var`.
    let hot: UnsafeMutablePointer<SymbolHot>

    // MARK: Account (raw Money)

    let legs: UnsafeMutablePointer<Leg>
    let initialBalance: Int64
    /// Per-symbol cross contributions at the symbol's current mark (their sums are in `state`).
    let crossUnrealized: UnsafeMutablePointer<Int64>
    let crossMaintenance: UnsafeMutablePointer<Int64>
    let state: UnsafeMutablePointer<ExchangeState>

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
        try self.init(configuration: configuration, sorted: markets.sorted { $0.symbol < $1.symbol }, columns: nil)
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
        if sorted.contains(where: { $0.klines.isEmpty }) {
            return try body(SimulatedExchange(configuration: configuration, sorted: sorted, columns: nil))
        }
        var columns: [BarColumns] = []
        columns.reserveCapacity(sorted.count)
        func borrow(_ index: Int) throws -> T {
            guard index < sorted.count else {
                let exchange = try SimulatedExchange(configuration: configuration, sorted: sorted, columns: columns)
                return try body(exchange)
            }
            let k = sorted[index].klines
            return try k.openTimes.withUnsafeBufferPointer { t in
                try k.opens.withUnsafeBufferPointer { o in
                    try k.highs.withUnsafeBufferPointer { h in
                        try k.lows.withUnsafeBufferPointer { l in
                            try k.closes.withUnsafeBufferPointer { c in
                                columns.append(
                                    BarColumns(
                                        klines: k, mark: sorted[index].markKlines, openTime: Self.mutable(t),
                                        open: Self.mutable(o), high: Self.mutable(h), low: Self.mutable(l),
                                        close: Self.mutable(c), owned: false))
                                return try borrow(index + 1)
                            }
                        }
                    }
                }
            }
        }
        return try borrow(0)
    }

    /// A column pointer of a non-empty series (never written through).
    private static func mutable(_ buffer: UnsafeBufferPointer<Int64>) -> UnsafeMutablePointer<Int64> {
        UnsafeMutablePointer(mutating: buffer.baseAddress!)
    }

    init(configuration: ExchangeConfiguration, sorted: [SymbolMarket], columns: [BarColumns]?) throws {
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
        bars = columns ?? sorted.map { BarColumns(klines: $0.klines, mark: $0.markKlines) }
        detail = sorted.map(\.detailKlines)
        funding = sorted.map(\.funding)
        fundingMarks = sorted.map { market in
            let source = market.markKlines ?? market.klines
            return market.funding.map { rate in
                let index = source.firstIndex(atOrAfter: rate.time)
                if index < source.count { return source.opens[index] }
                return source.closes.last ?? 0
            }
        }
        symbolCount = count
        hot = UnsafeMutablePointer<SymbolHot>.allocate(capacity: max(count, 1))
        hot.initialize(repeating: SymbolHot(), count: max(count, 1))
        legs = UnsafeMutablePointer<Leg>.allocate(capacity: max(count * 2, 1))
        legs.initialize(repeating: Leg(), count: max(count * 2, 1))
        crossUnrealized = UnsafeMutablePointer<Int64>.allocate(capacity: max(count, 1))
        crossUnrealized.initialize(repeating: 0, count: max(count, 1))
        crossMaintenance = UnsafeMutablePointer<Int64>.allocate(capacity: max(count, 1))
        crossMaintenance.initialize(repeating: 0, count: max(count, 1))
        initialBalance = configuration.initialBalance.raw
        state = UnsafeMutablePointer<ExchangeState>.allocate(capacity: 1)
        state.initialize(to: ExchangeState(symbols: count, wallet: configuration.initialBalance.raw))
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
        crossUnrealized.deallocate()
        crossMaintenance.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
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

    public var currentTime: Timestamp { Timestamp(milliseconds: now) }

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

    public var walletBalance: Money { Money(raw: wallet) }

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
        guard let symbol else { return conditionalCount }
        guard let s = lookup(symbol) else { return 0 }
        return conditionalPerSymbol[s]
    }

    public func leverage(for symbol: Symbol) -> Int {
        guard let s = lookup(symbol) else { return configuration.defaultLeverage }
        return leverages[s]
    }
}

/// One run owns an exchange; it is not safe to share across tasks.
@available(*, unavailable)
extension SimulatedExchange: Sendable {}
