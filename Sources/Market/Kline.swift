/// One candlestick bar as Binance publishes it (the 12-column archive and REST shape).
///
/// The 6-column OHLCV variant leaves the trade statistics at zero and `closeTime` at
/// `openTime + interval − 1 ms`.
public struct Kline: Sendable, Hashable {
    public var openTime: Timestamp
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price
    /// Volume in base-asset units.
    public var volume: Quantity
    public var closeTime: Timestamp
    /// Volume in quote-asset units.
    public var quoteVolume: Money
    public var tradeCount: Int64
    public var takerBuyVolume: Quantity
    public var takerBuyQuoteVolume: Money

    public init(
        openTime: Timestamp, open: Price, high: Price, low: Price, close: Price, volume: Quantity,
        closeTime: Timestamp, quoteVolume: Money = .zero, tradeCount: Int64 = 0,
        takerBuyVolume: Quantity = .zero, takerBuyQuoteVolume: Money = .zero
    ) {
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.closeTime = closeTime
        self.quoteVolume = quoteVolume
        self.tradeCount = tradeCount
        self.takerBuyVolume = takerBuyVolume
        self.takerBuyQuoteVolume = takerBuyQuoteVolume
    }

    /// OHLC sanity: low ≤ min(open, close), max(open, close) ≤ high, volume ≥ 0.
    public var isSane: Bool {
        low <= open && low <= close && high >= open && high >= close && !volume.isNegative
    }
}
