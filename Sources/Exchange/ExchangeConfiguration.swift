public import Market

/// Slippage charged against the taker on MARKET and triggered *_MARKET fills (including
/// trailing stops). The slipped price is rounded to the tick away from the taker's favour (up
/// for a BUY, down for a SELL) and then clamped into the bar's [low, high].
public enum Slippage: Sendable, Hashable {
    /// No slippage.
    case none
    /// A fraction of the price in basis points (1 bp = 0.01 %).
    case bps(Int)
    /// A whole number of ticks.
    case ticks(Int)
}

/// The order in which a bar's price path visits its high and low.
public enum PricePathPolicy: String, Sendable, Hashable, CaseIterable {
    /// Open → high → low → close (NautilusTrader's default).
    case ohlc
    /// Open → low → high → close.
    case olhc
    /// The extreme nearer the open first: high first when |H − O| ≤ |L − O| (NautilusTrader's
    /// `bar_adaptive_high_low_ordering`; a tie goes to the high).
    case adaptive
    /// Per bar, the extreme adverse to the symbol's larger open leg first (the low when the LONG
    /// leg is larger, the high when the SHORT leg is larger); `adaptive` when the legs are equal.
    /// Both legs are valued at the same price, so "larger notional" is "larger quantity".
    case pessimistic
}

/// The price a MARKET order fills at.
public enum MarketFillReference: String, Sendable, Hashable, CaseIterable {
    /// The open of the symbol's first bar opening at or after placement time + latency (no
    /// look-ahead; the default).
    case nextOpen = "next_open"
    /// `OrderRequest.referencePrice` (the signal's `current_price`) clamped into the current bar's
    /// [low, high], immediately; the close when the request carries no reference price.
    case signalPrice = "signal_price"
    /// The current bar's close, immediately.
    case barClose = "bar_close"
}

/// Every knob of the simulated exchange. Defaults are Binance's VIP-0 USDⓈ-M values and the
/// simulation defaults of docs/exchange.md.
public struct ExchangeConfiguration: Sendable, Hashable {
    /// Starting USDT wallet balance [10000].
    public var initialBalance: Money
    /// Maker fee rate [0.0002].
    public var makerFee: Rate
    /// Taker fee rate [0.0005].
    public var takerFee: Rate
    /// Pay fees in BNB at 10 % off; fills report `commissionAsset` BNB (booked as the
    /// USDT-equivalent) [false].
    public var bnbFeeDiscount: Bool
    /// Slippage against the taker on market-type fills [.none].
    public var slippage: Slippage
    /// How a bar's high and low are ordered [.adaptive].
    public var pricePath: PricePathPolicy
    /// Where MARKET orders fill [.nextOpen].
    public var fillReference: MarketFillReference
    /// Order latency in milliseconds [0]. With latency L > 0 an order placed at time s becomes
    /// active at the open of the first bar opening at or after s + L (a MARKET order fills
    /// there under `.nextOpen`). With 0, orders placed between bars are active from the next
    /// bar's open and orders placed while a bar is walked from the next path point.
    public var latency: Int64
    /// A resting limit fills when the path touches its price (true) or only when it trades
    /// strictly through it (false) [false].
    public var limitFillOnTouch: Bool
    /// Close-side orders (SELL/LONG, BUY/SHORT) skip the MIN_NOTIONAL check (-4164) [true].
    public var exemptCloseSideFromMinNotional: Bool
    /// Leverage of symbols without an entry in `leverage` [10].
    public var defaultLeverage: Int
    /// Per-symbol leverage [empty].
    public var leverage: [Symbol: Int]
    /// Margin mode of symbols without an entry in `marginModes` [.cross].
    public var marginMode: MarginMode
    /// Per-symbol margin mode [empty].
    public var marginModes: [Symbol: MarginMode]
    /// Account-wide limit of working conditional (algo) orders [200]: Binance's limit across
    /// all symbols since 2025-12-29.
    public var maxConditionalOrders: Int

    public init(
        initialBalance: Money = 10000, makerFee: Rate = Rate(raw: 20_000), takerFee: Rate = Rate(raw: 50_000),
        bnbFeeDiscount: Bool = false, slippage: Slippage = .none, pricePath: PricePathPolicy = .adaptive,
        fillReference: MarketFillReference = .nextOpen, latency: Int64 = 0, limitFillOnTouch: Bool = false,
        exemptCloseSideFromMinNotional: Bool = true, defaultLeverage: Int = 10, leverage: [Symbol: Int] = [:],
        marginMode: MarginMode = .cross, marginModes: [Symbol: MarginMode] = [:], maxConditionalOrders: Int = 200
    ) {
        self.initialBalance = initialBalance
        self.makerFee = makerFee
        self.takerFee = takerFee
        self.bnbFeeDiscount = bnbFeeDiscount
        self.slippage = slippage
        self.pricePath = pricePath
        self.fillReference = fillReference
        self.latency = latency
        self.limitFillOnTouch = limitFillOnTouch
        self.exemptCloseSideFromMinNotional = exemptCloseSideFromMinNotional
        self.defaultLeverage = defaultLeverage
        self.leverage = leverage
        self.marginMode = marginMode
        self.marginModes = marginModes
        self.maxConditionalOrders = maxConditionalOrders
    }

    /// The leverage of `symbol`.
    public func leverage(for symbol: Symbol) -> Int { leverage[symbol] ?? defaultLeverage }

    /// The margin mode of `symbol`.
    public func marginMode(for symbol: Symbol) -> MarginMode { marginModes[symbol] ?? marginMode }
}
