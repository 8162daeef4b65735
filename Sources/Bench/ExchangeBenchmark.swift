import Exchange
import Market
import Pipeline

/// The `hedgesim bench exchange` workload: synthetic random-walk 1m klines for several symbols,
/// many resting conditional orders far from the price (they rarely trigger), and on every symbol a
/// long that is protected by an OCO stop/target pair at ±1 % and re-opened with a MARKET order
/// whenever one of them fills, so a few bars per thousand take the slow path. It times the
/// simulation loop's exchange steps (funding, `processBar`, `markToMarket` for every symbol at every
/// bar) and reports bar-steps (bars × symbols) per second.
public struct ExchangeBenchmark: Sendable {
    /// Number of symbols.
    public var symbols: Int
    /// Far-away conditional orders per symbol.
    public var ordersPerSymbol: Int
    /// Bars per symbol.
    public var bars: Int
    /// Timed runs (the median is reported).
    public var runs: Int
    /// Seed of the random walks.
    public var seed: UInt64

    public init(symbols: Int = 10, ordersPerSymbol: Int = 100, bars: Int = 200_000, runs: Int = 5, seed: UInt64 = 42) {
        self.symbols = symbols
        self.ordersPerSymbol = ordersPerSymbol
        self.bars = bars
        self.runs = runs
        self.seed = seed
    }

    /// One benchmark's measurements.
    public struct Report: Sendable {
        /// bars × symbols per run.
        public var barSteps: Int
        /// Wall time of each run in seconds.
        public var seconds: [Double]
        /// Fills and liquidations per run (the same in every run: the workload is deterministic).
        public var fills: Int
        /// Bar-steps per second of each run.
        public var rates: [Double] { seconds.map { Double(barSteps) / $0 } }
        /// The median rate.
        public var medianRate: Double {
            let sorted = rates.sorted()
            guard !sorted.isEmpty else { return 0 }
            let middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
    }

    /// The printout of `hedgesim bench exchange`: the workload, every run's time and rate, and
    /// the median rate.
    public func lines(_ report: Report) -> [String] {
        func format(_ value: Double) -> String { "\((value * 100).rounded() / 100)" }
        var lines = [
            "exchange: \(symbols) symbols × \(bars) bars, \(ordersPerSymbol) resting conditional orders per symbol"
        ]
        for (run, seconds) in report.seconds.enumerated() {
            let rate = Double(report.barSteps) / seconds
            lines.append("  run \(run + 1): \(format(seconds * 1000)) ms, \(format(rate / 1e6)) M bar-steps/s")
        }
        lines.append(
            "  median: \(format(report.medianRate / 1e6)) M bar-steps/s (\(report.barSteps) bar-steps, "
                + "\(report.fills) fills per run)")
        return lines
    }

    /// Builds the markets once and times `runs` fresh exchanges over them.
    ///
    /// - Throws: `ExchangeSetupError` when the parameters are out of range.
    public func run() throws -> Report {
        guard symbols >= 1, symbols <= 1000, ordersPerSymbol >= 0, bars >= 2, runs >= 1 else {
            throw ExchangeSetupError(
                "benchmark parameters out of range (symbols \(symbols), orders \(ordersPerSymbol), bars \(bars), runs \(runs))"
            )
        }
        let markets = makeMarkets()
        var configuration = ExchangeConfiguration(initialBalance: 1_000_000_000)
        configuration.maxConditionalOrders = symbols * (ordersPerSymbol + 4)
        var seconds: [Double] = []
        var fills = 0
        for _ in 0..<runs {
            let exchange = try SimulatedExchange(configuration: configuration, markets: markets)
            let trader = BenchmarkTrader(exchange: exchange)
            exchange.onEvent = { event in trader.handle(event) }
            trader.setUp(ordersPerSymbol: ordersPerSymbol)
            let clock = ContinuousClock()
            let start = clock.now
            for i in 1..<bars {
                exchange.settleFunding(through: Timestamp(milliseconds: markets[0].klines.openTimes[i]))
                for s in 0..<symbols { exchange.processBar(symbolIndex: s, barIndex: i) }
                trader.reenter()
                for s in 0..<symbols { exchange.markToMarket(symbolIndex: s, barIndex: i) }
            }
            seconds.append(TextFormat.seconds(clock.now - start))
            fills = trader.fills
        }
        return Report(barSteps: (bars - 1) * symbols, seconds: seconds, fills: fills)
    }

    func makeMarkets() -> [SymbolMarket] {
        var random = SplitMix64(seed: seed)
        let start = Timestamp(year: 2024, month: 1, day: 1)
        return (0..<symbols).map { s in
            let symbol = Symbol("BENCH\(s)USDT")
            var klines = KlineSeries(symbol: symbol, interval: .m1)
            klines.reserveCapacity(bars)
            // Prices in cents of a cent (tick 0.0001 = 10 000 raw), starting at 100 + s.
            var price = Int64(100 + s) * fixedPointOne
            let tick: Int64 = 10_000
            for i in 0..<bars {
                let open = price
                // Steps of up to ±0.1 % per bar, the extremes up to 0.05 % beyond the body.
                let step = Int64(random.next() % 2001) - 1000
                let close = max(tick, (open + open / 1_000_000 * step) / tick * tick)
                let high = max(open, close) + Int64(random.next() % 50) * open / 100_000 / tick * tick
                let low = max(tick, min(open, close) - Int64(random.next() % 50) * open / 100_000 / tick * tick)
                klines.append(
                    openTime: start.milliseconds + Int64(i) * 60_000, open: open, high: high, low: low, close: close,
                    volume: fixedPointOne)
                price = close
            }
            let funding = stride(from: 480, to: bars, by: 480).map { i in
                FundingRate(
                    time: Timestamp(milliseconds: start.milliseconds + Int64(i) * 60_000),
                    rate: Rate(raw: Int64(random.next() % 20_001) - 10_000))
            }
            let rules = SymbolRules(
                symbol: symbol, pricePrecision: 4, quantityPrecision: 3, tickSize: Price(raw: tick),
                stepSize: Quantity(raw: 100_000), minQuantity: Quantity(raw: 100_000), minNotional: 5)
            return SymbolMarket(rules: rules, klines: klines, funding: funding)
        }
    }
}

/// Places the benchmark's orders and keeps one protected long per symbol.
final class BenchmarkTrader {
    let exchange: SimulatedExchange
    var fills = 0
    /// Symbols whose long was closed and must be re-opened (step 3 of the next bar).
    var reopen: [Int] = []
    var entries: Set<OrderID> = []
    var nextGroup: Int64 = 1

    init(exchange: SimulatedExchange) {
        self.exchange = exchange
    }

    func setUp(ordersPerSymbol: Int) {
        for s in exchange.symbolList.indices {
            exchange.processBar(symbolIndex: s, barIndex: 0)
            exchange.markToMarket(symbolIndex: s, barIndex: 0)
        }
        for (s, symbol) in exchange.symbolList.enumerated() {
            let last = exchange.lastPrice(symbol)!.raw
            for k in 0..<ordersPerSymbol {
                // Opening breakouts far above and below: +50 % … and −50 % ….
                let above = k % 2 == 0
                let distance = Int64(50 + k)
                let stop = above ? last + last / 100 * distance : last - last / 200 * distance
                let request = OrderRequest(
                    symbol: symbol, side: above ? .buy : .sell, positionSide: above ? .long : .short,
                    type: .stopMarket, quantity: Quantity(raw: 100_000_000),
                    stopPrice: Price(raw: stop / 10_000 * 10_000))
                _ = exchange.place(request)
            }
            reopen.append(s)
        }
        reenter()
    }

    /// Step 3: re-open the longs that were closed.
    func reenter() {
        guard !reopen.isEmpty else { return }
        for s in reopen {
            let symbol = exchange.symbolList[s]
            if case .success(let ack) = exchange.place(
                OrderRequest(
                    symbol: symbol, side: .buy, positionSide: .long, type: .market, quantity: Quantity(raw: 100_000_000)
                ))
            {
                entries.insert(ack.orderID)
            }
        }
        reopen.removeAll(keepingCapacity: true)
    }

    func handle(_ event: ExchangeEvent) {
        guard case .fill(let fill) = event else { return }
        fills += 1
        guard let s = exchange.symbolIndex(fill.symbol) else { return }
        if entries.remove(fill.orderID) != nil {
            // Protect the new long: OCO stop and target at ∓1 %.
            let price = fill.price.raw
            let group = nextGroup
            nextGroup += 1
            let stop = (price - price / 100) / 10_000 * 10_000
            let target = (price + price / 100) / 10_000 * 10_000
            _ = exchange.place(
                OrderRequest(
                    symbol: fill.symbol, side: .sell, positionSide: .long, type: .stopMarket,
                    quantity: fill.quantity, stopPrice: Price(raw: stop), ocoGroup: group))
            _ = exchange.place(
                OrderRequest(
                    symbol: fill.symbol, side: .sell, positionSide: .long, type: .takeProfitMarket,
                    quantity: fill.quantity, stopPrice: Price(raw: target), ocoGroup: group))
        } else if fill.positionSide == .long && fill.side == .sell {
            reopen.append(s)
        }
    }
}
