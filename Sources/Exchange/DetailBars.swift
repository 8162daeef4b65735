import Market

/// One symbol's detail klines as the bar walk reads them (an ambiguous bar replayed on finer
/// bars): a loaded series, or columns read in place from a streamed run's spill.
struct DetailBars {
    /// The detail bars' interval (each bar's length).
    let interval: Interval
    private let series: KlineSeries?
    private let columns: KlineColumns?

    init(_ series: KlineSeries) {
        interval = series.interval
        self.series = series
        columns = nil
    }

    /// Columns valid for the exchange's lifetime (pinned by the caller).
    init(borrowing columns: KlineColumns, interval: Interval) {
        self.interval = interval
        series = nil
        self.columns = columns
    }

    var count: Int { series?.count ?? columns?.count ?? 0 }

    func openTime(_ j: Int) -> Int64 { series?.openTimes[j] ?? columns.unsafelyUnwrapped.openTimes[j] }
    func open(_ j: Int) -> Int64 { series?.opens[j] ?? columns.unsafelyUnwrapped.opens[j] }
    func high(_ j: Int) -> Int64 { series?.highs[j] ?? columns.unsafelyUnwrapped.highs[j] }
    func low(_ j: Int) -> Int64 { series?.lows[j] ?? columns.unsafelyUnwrapped.lows[j] }
    func close(_ j: Int) -> Int64 { series?.closes[j] ?? columns.unsafelyUnwrapped.closes[j] }

    /// The first bar opening at or after `time` (`count` when none).
    func firstIndex(atOrAfter time: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if openTime(mid) < time { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
