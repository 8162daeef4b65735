import Backtest
import Market

extension RowBinder {
    /// One `price_bars` row: a symbol's OHLC over one equity interval.
    static func priceBar(_ bar: PriceBar, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(bar.symbol.name)
        s.bind(bar.time)
        s.bindDecimal(bar.open)
        s.bindDecimal(bar.high)
        s.bindDecimal(bar.low)
        s.bindDecimal(bar.close)
        try finish(s, ReportSchema.priceBars)
    }
}
