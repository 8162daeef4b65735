import Market

/// One symbol's bars as columns the bar walk reads by index: open times, OHLC, and the mark OHLC
/// aligned to the same indices (the kline values where the mark series has no bar, or when no
/// mark klines were given). Trivial (plain pointers), so reading a bar costs no reference
/// counting; never written after `init`.
///
/// The open times and OHLC are the klines' own arrays when the exchange is scoped
/// (`SimulatedExchange.withExchange(configuration:markets:_:)`: no copy at all), and copies
/// otherwise. Copies, mark columns and calendar-month close times sit in one block the columns
/// own, freed by `deallocate()` from the exchange's `deinit`.
struct BarColumns {
    let count: Int
    let openTime: UnsafePointer<Int64>
    /// The bar length in ms; 0 for calendar months, whose close times are stored instead.
    let length: Int64
    let closeTimes: UnsafePointer<Int64>?
    let open: UnsafePointer<Int64>
    let high: UnsafePointer<Int64>
    let low: UnsafePointer<Int64>
    let close: UnsafePointer<Int64>
    let markOpen: UnsafePointer<Int64>
    let markHigh: UnsafePointer<Int64>
    let markLow: UnsafePointer<Int64>
    let markClose: UnsafePointer<Int64>
    private let owned: UnsafeMutableBufferPointer<Int64>

    /// The columns of `klines`: `borrowing` them (pinned for the exchange's lifetime by the
    /// caller) or, when nil, copies. Borrowed columns may be longer than `klines` (which then
    /// only gives the interval): a stream fills them while the exchange runs
    /// (`SimulatedExchange.withExchange(configuration:markets:streamed:_:)`).
    ///
    /// `borrowingMarks`: mark prices already matched to the bars (one per bar, pinned like
    /// `columns`), instead of `mark`.
    init(
        klines: KlineSeries, mark: KlineSeries?, borrowing columns: KlineColumns?, borrowingMarks: KlineColumns? = nil
    ) {
        let n = max(klines.count, columns?.count ?? 0)
        length = klines.interval.milliseconds ?? 0
        let markSeries = mark.flatMap { $0.isEmpty ? nil : $0 }
        // An empty series has no addresses to borrow: it is "copied" (nothing is ever read).
        let borrowed = n > 0 ? columns : nil
        let blockColumns = (borrowed == nil ? 5 : 0) + (markSeries == nil ? 0 : 4) + (length == 0 ? 1 : 0)
        owned = UnsafeMutableBufferPointer.allocate(capacity: max(1, blockColumns * n))
        var free = owned.baseAddress!
        func column(_ values: some Collection<Int64>) -> UnsafeMutablePointer<Int64> {
            let start = free
            _ = UnsafeMutableBufferPointer(start: start, count: n).initialize(fromContentsOf: values)
            free += n
            return start
        }
        if let borrowed {
            openTime = borrowed.openTimes.baseAddress!
            open = borrowed.opens.baseAddress!
            high = borrowed.highs.baseAddress!
            low = borrowed.lows.baseAddress!
            close = borrowed.closes.baseAddress!
        } else {
            openTime = UnsafePointer(column(klines.openTimes))
            open = UnsafePointer(column(klines.opens))
            high = UnsafePointer(column(klines.highs))
            low = UnsafePointer(column(klines.lows))
            close = UnsafePointer(column(klines.closes))
        }
        count = n
        if length == 0 {
            closeTimes = UnsafePointer(
                column(
                    klines.openTimes.lazy.map {
                        klines.interval.next(after: Timestamp(milliseconds: $0)).milliseconds - 1
                    }))
        } else {
            closeTimes = nil
        }
        if let marks = borrowingMarks, n > 0, marks.count == n {
            markOpen = marks.opens.baseAddress!
            markHigh = marks.highs.baseAddress!
            markLow = marks.lows.baseAddress!
            markClose = marks.closes.baseAddress!
            return
        }
        guard let markSeries else {
            markOpen = open
            markHigh = high
            markLow = low
            markClose = close
            return
        }
        let mo = column(UnsafeBufferPointer(start: open, count: n))
        let mh = column(UnsafeBufferPointer(start: high, count: n))
        let ml = column(UnsafeBufferPointer(start: low, count: n))
        let mc = column(UnsafeBufferPointer(start: close, count: n))
        var j = 0
        for i in 0..<n {
            let time = klines.openTimes[i]
            while j < markSeries.count && markSeries.openTimes[j] < time { j += 1 }
            if j < markSeries.count && markSeries.openTimes[j] == time {
                mo[i] = markSeries.opens[j]
                mh[i] = markSeries.highs[j]
                ml[i] = markSeries.lows[j]
                mc[i] = markSeries.closes[j]
            }
        }
        markOpen = UnsafePointer(mo)
        markHigh = UnsafePointer(mh)
        markLow = UnsafePointer(ml)
        markClose = UnsafePointer(mc)
    }

    /// The first bar opening at or after `time` (`count` when none).
    func firstIndex(atOrAfter time: Int64) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if openTime[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The last millisecond of bar `i`.
    @inline(__always) func closeTime(_ i: Int) -> Int64 {
        length > 0 ? openTime[i] &+ length &- 1 : closeTimes.unsafelyUnwrapped[i]
    }

    /// Frees what the columns own (once, from the owner's `deinit`).
    func deallocate() { owned.deallocate() }
}
