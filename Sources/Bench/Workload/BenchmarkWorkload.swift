public import Market

/// The peers' backtest workload, made into real hedgesim input files: seeded random-walk 1m
/// klines, recorded entry signals with ±0.5 % take-profit and stop-loss, and a scenario.
///
/// The workload of the published peer comparisons (NautilusTrader, backtesting.py, vectorbt):
/// one symbol, 1-minute bars of a random walk around 30 000 (`high ≥ max(open, close)`,
/// `low ≤ min(open, close)`), every 60th bar alternately a LONG or a SHORT market entry of 0.01
/// with take-profit and stop-loss at ±0.5 % of the entry price, taker fee 0.05 %, hedge mode.
///
/// Generalised to several symbols and strategies (`hedgesim bench run --preset year10` or
/// `--preset wide`):
///
/// - **Prices.** Each symbol walks its own path (seeded per symbol) in ticks of 0.10: a step
///   per bar of four summed uniforms (standard deviation ≈ 0.05 % of 30 000) with a weak pull
///   back to 30 000 (so a year stays within a few percent of it); the open is the previous close;
///   high and low lie 0–6 USDT beyond the body. Only integer arithmetic, so the files are
///   byte-identical on every machine.
/// - **Signals.** Every symbol gets one signal per `signalEvery` bars on average. The strategies
///   of a symbol signal in bursts: cycle `c` spans `strategies × signalEvery` bars, and strategy
///   `k` signals `k × 6` bars into it (bursts of strategies 6 bars apart, outside the 300 s
///   re-entry cooldown), the bar at offset `signalEvery − 1` plus the symbol's index (so
///   symbols do not all signal on the same minute). Strategy `k` goes LONG in cycle `c` when
///   `c + k` is even, SHORT otherwise; with one strategy this is the peers' alternation. Within
///   a burst, strategies 0, 2, 4 share a direction (and 1, 3 the other), inside the aggregator's
///   1 h signal life, so `accumulate`, `strongest_wins` and `reject_duplicates` decide
///   differently. Confidence cycles through 0.60…0.95 (all pass the deterministic threshold
///   0.6). Each signal is stamped at its bar's last millisecond and fills at the next bar's open.
/// - **Account.** 1 000 000 USDT, 10× cross, so every entry of 0.01 passes the risk gates
///   (exposure, daily loss, algo-order slots) and the run measures the whole path of every signal.
public struct BenchmarkWorkload: Sendable, Hashable {
    /// Bars per symbol.
    public var bars: Int
    /// Symbols: the first is BTCUSDT, the others copies of its rules named BTC2USDT, BTC3USDT, …
    public var symbols: Int
    /// Strategies (`bench_1`, `bench_2`, …).
    public var strategies: Int
    /// Bars per signal and symbol (on average over the strategies).
    public var signalEvery: Int
    /// The random-walk seed.
    public var seed: UInt64
    /// The first bar's open time.
    public var start: Timestamp

    /// The entry quantity of every signal.
    public static let quantity = "0.01"
    /// Take-profit and stop-loss distance as a fraction of the entry price.
    public static let protectionFraction = "0.005"
    /// Bars between the strategies of one burst.
    public static let strategyGap = 6
    /// The walk's centre and start, in ticks of 0.10.
    static let centreTicks: Int64 = 300_000

    public init(
        bars: Int = 1_000_000, symbols: Int = 1, strategies: Int = 1, signalEvery: Int = 60, seed: UInt64 = 20_240_101,
        start: Timestamp = Timestamp(milliseconds: 1_704_067_200_000)
    ) {
        self.bars = bars
        self.symbols = symbols
        self.strategies = strategies
        self.signalEvery = signalEvery
        self.seed = seed
        self.start = start
    }

    /// The multi-symbol preset: 10 symbols × one year of 1m bars (5 256 000 bars), 5 strategies,
    /// a signal per 60 bars and symbol (87 600 signals).
    public static let year10 = BenchmarkWorkload(bars: 525_600, symbols: 10, strategies: 5)

    /// The wide preset: 50 symbols × two years of 1m bars (52 560 000 bars), 5 strategies, a
    /// signal per 600 bars and symbol (87 600 signals, as many as `year10`: the result rows grow
    /// with the signals, the bars are streamed).
    public static let wide = BenchmarkWorkload(bars: 1_051_200, symbols: 50, strategies: 5, signalEvery: 600)

    /// The symbol names, in index order.
    public var symbolNames: [Symbol] {
        (0..<symbols).map { Symbol($0 == 0 ? "BTCUSDT" : "BTC\($0 + 1)USDT") }
    }

    /// Bars over all symbols.
    public var totalBars: Int { bars * symbols }

    /// The gap between two strategies of a burst (smaller when the cycle is short).
    var gap: Int { Swift.min(Self.strategyGap, signalEvery) }

    /// The bar index of strategy `k`'s signal in cycle `c` on symbol `j`.
    func signalBar(cycle c: Int, strategy k: Int, symbol j: Int) -> Int {
        c * strategies * signalEvery + k * gap + (signalEvery - 1) + j % signalEvery
    }

    /// Whether strategy `k` goes LONG in cycle `c`.
    static func isLong(cycle c: Int, strategy k: Int) -> Bool { (c + k) % 2 == 0 }

    /// The confidence of a signal, in hundredths (60…95).
    static func confidenceHundredths(cycle c: Int, strategy k: Int, symbol j: Int) -> Int {
        60 + 5 * ((c * 3 + k * 5 + j) % 8)
    }

    /// The number of signals the workload records.
    public var signalCount: Int {
        var total = 0
        for j in 0..<symbols {
            for k in 0..<strategies {
                let first = signalBar(cycle: 0, strategy: k, symbol: j)
                if first < bars { total += (bars - 1 - first) / (strategies * signalEvery) + 1 }
            }
        }
        return total
    }

    /// Checks the parameters.
    /// - Returns: a message for the first bad one, or nil.
    public func validationMessage() -> String? {
        if bars < 2 { return "bars must be at least 2 (\(bars))" }
        if symbols < 1 || symbols > 99 { return "symbols must be 1…99 (\(symbols))" }
        if strategies < 1 || strategies > 99 { return "strategies must be 1…99 (\(strategies))" }
        if signalEvery < 1 { return "signal-every must be at least 1 (\(signalEvery))" }
        return nil
    }
}
