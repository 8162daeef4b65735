public import Market
public import TradeEngine

/// Wall-clock timings of a run (seconds). Outside the result digest: they change every run.
public struct RunTimings: Sendable, Hashable {
    public var read: Double = 0
    public var simulate: Double = 0
    public var report: Double = 0

    public init(read: Double = 0, simulate: Double = 0, report: Double = 0) {
        self.read = read
        self.simulate = simulate
        self.report = report
    }
}

/// Everything one simulated run produced, in deterministic order. The report writer turns it
/// into the SQLite tables; `resultDigest` is a SHA-256 over its canonical content (both derived
/// from the records' column lists, `ResultRecord`).
public struct RunResult: Sendable {
    /// The scenario as run (with the run's overrides applied).
    public var header: RunHeader
    /// A short label of what this run varies in a comparison (`accumulate`,
    /// `strongest_wins/live_compat`); the scenario name for a single run.
    public var label: String
    public var engineVersion: String
    public var decisions: [DecisionRecord] = []
    public var orders: [OrderRecord] = []
    public var fills: [FillRecord] = []
    public var funding: [FundingRecord] = []
    public var strategyPositions: [StrategyPosition] = []
    public var contributions: [PositionContribution] = []
    public var exchangePositions: [ExchangePositionRecord] = []
    public var equity: [EquitySample] = []
    /// Each symbol's klines aggregated to the equity interval (for charts), by symbol then time.
    public var priceBars: [PriceBar] = []
    /// The last mark price of each symbol, sorted by symbol (open positions' unrealized PnL).
    public var finalMarks: [SymbolPrice] = []
    public var signalCounts = SignalCounts()
    /// Bar steps simulated (Σ over symbols).
    public var bars = 0
    /// The simulated range (first bar open, last bar open).
    public var firstBar: Timestamp?
    public var lastBar: Timestamp?
    public var initialBalance: Money
    public var finalWallet: Money = .zero
    public var finalEquity: Money = .zero
    /// SHA-256 over the input files' bytes, in the order the scenario lists them.
    public var dataDigest: String = ""
    /// SHA-256 over the canonical content of every result table.
    public var resultDigest: String = ""
    public var timings = RunTimings()

    public init(header: RunHeader, label: String, engineVersion: String, initialBalance: Money) {
        self.header = header
        self.label = label
        self.engineVersion = engineVersion
        self.initialBalance = initialBalance
    }

    /// Drops every table's rows, keeping the run's own fields (its `runs` row) and the final marks.
    public mutating func releaseRows() {
        decisions = []
        orders = []
        fills = []
        funding = []
        strategyPositions = []
        contributions = []
        exchangePositions = []
        equity = []
        priceBars = []
    }

    /// The final mark of a symbol.
    public func finalMark(_ symbol: Symbol) -> Price? { finalMarks.first { $0.symbol == symbol }?.price }
}

/// One symbol's OHLC over one equity interval.
public struct PriceBar: Sendable, Hashable {
    public var symbol: Symbol
    /// The interval's start.
    public var time: Timestamp
    public var open: Price
    public var high: Price
    public var low: Price
    public var close: Price

    public init(symbol: Symbol, time: Timestamp, open: Price, high: Price, low: Price, close: Price) {
        self.symbol = symbol
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
    }
}

/// A symbol's price.
public struct SymbolPrice: Sendable, Hashable {
    public var symbol: Symbol
    public var price: Price

    public init(symbol: Symbol, price: Price) {
        self.symbol = symbol
        self.price = price
    }
}

/// The version written into every report.
public enum HedgesimVersion {
    public static let current = "0.1.0"
}
