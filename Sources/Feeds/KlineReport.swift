public import Market

/// The column layout of a kline CSV file.
public enum KlineFormat: String, Sendable, Hashable, CustomStringConvertible {
    /// data.binance.vision's 12 columns: `open_time,open,high,low,close,volume,close_time,
    /// quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore`.
    case binance = "Binance 12 columns"
    /// `time,open,high,low,close,volume`.
    case ohlcv = "OHLCV 6 columns"

    public var description: String { rawValue }

    /// The number of columns a row has.
    public var columnCount: Int { self == .binance ? 12 : 6 }
}

/// How a kline file writes its open times.
public enum KlineTimeFormat: String, Sendable, Hashable, CustomStringConvertible {
    /// Epoch milliseconds (13 digits today).
    case milliseconds = "ms"
    /// Epoch microseconds (16 digits; Binance spot archives from 2025-01-01), normalised to ms.
    case microseconds = "µs"
    /// Naive `YYYY-MM-DD HH:MM:SS` text (or any ISO-8601 form), UTC unless it names a zone.
    case dateTime = "date-time text"

    public var description: String { rawValue }
}

/// Missing bars between two consecutive rows.
public struct KlineGap: Sendable, Hashable {
    /// The open time of the first missing bar.
    public var from: Timestamp
    /// The open time of the last missing bar.
    public var through: Timestamp
    /// How many bars are missing.
    public var missingBars: Int
    /// The line of the row after the gap.
    public var line: Int

    public init(from: Timestamp, through: Timestamp, missingBars: Int, line: Int) {
        self.from = from
        self.through = through
        self.missingBars = missingBars
        self.line = line
    }
}

/// What a kline file holds: layout, symbol, interval, extent, gaps and price range.
public struct KlineReport: Sendable, Hashable {
    /// The path as given.
    public var path: String
    public var symbol: Symbol
    public var interval: Interval
    /// Where the interval came from: `option`, `file name`, `close time` or `time step`.
    public var intervalSource: String
    public var format: KlineFormat
    public var hasHeader: Bool
    public var timeFormat: KlineTimeFormat
    /// Data rows read and accepted.
    public var rows: Int
    public var firstOpenTime: Timestamp?
    public var lastOpenTime: Timestamp?
    /// Gaps in file order.
    public var gaps: [KlineGap]
    /// The lowest low and the highest high.
    public var lowestPrice: Price?
    public var highestPrice: Price?

    public init(path: String, symbol: Symbol, interval: Interval) {
        self.path = path
        self.symbol = symbol
        self.interval = interval
        intervalSource = "default"
        format = .binance
        hasHeader = false
        timeFormat = .milliseconds
        rows = 0
        gaps = []
    }

    /// The total number of missing bars.
    public var missingBars: Int { gaps.reduce(0) { $0 + $1.missingBars } }

    /// The gap with the most missing bars (the first of equals).
    public var largestGap: KlineGap? {
        var best: KlineGap?
        for gap in gaps where gap.missingBars > (best?.missingBars ?? 0) { best = gap }
        return best
    }
}

/// Choices for reading a kline file.
public struct KlineReadOptions: Sendable, Hashable {
    /// The symbol; nil takes it from the file name.
    public var symbol: Symbol?
    /// The interval; nil takes it from the file name, else the first row's close time, else the
    /// first time step.
    public var interval: Interval?
    /// When false a gap is an error; when true (the default) gaps are only reported.
    public var allowGaps: Bool

    public init(symbol: Symbol? = nil, interval: Interval? = nil, allowGaps: Bool = true) {
        self.symbol = symbol
        self.interval = interval
        self.allowGaps = allowGaps
    }
}

/// A kline file read into memory: the columns and the report.
public struct KlineFile: Sendable, Hashable {
    public var series: KlineSeries
    public var report: KlineReport

    public init(series: KlineSeries, report: KlineReport) {
        self.series = series
        self.report = report
    }
}

/// The outcome of checking a kline file completely.
public struct KlineVerification: Sendable, Hashable {
    /// What was read (rows with problems are left out).
    public var report: KlineReport
    /// Every problem found, up to the limit.
    public var problems: FeedProblems

    public init(report: KlineReport, problems: FeedProblems) {
        self.report = report
        self.problems = problems
    }
}
