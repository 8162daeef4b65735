import Market

/// One symbol's bars as plain pointers: open times, OHLC, and the mark OHLC aligned to the same
/// indices (the kline values where the mark series has no bar, or when no mark klines were
/// given). Plain pointers keep reference counting out of the per-bar path.
///
/// Either the columns are copies the exchange owns (frees in `deinit`), or the open times and
/// OHLC are the klines' own arrays, borrowed for the lifetime of a scoped exchange
/// (`SimulatedExchange.withExchange(configuration:markets:_:)`): no copy at all.
struct BarColumns {
    let count: Int
    let openTime: UnsafeMutablePointer<Int64>
    /// The bar length in ms; 0 for calendar months, whose close times are stored instead.
    let length: Int64
    let closeTimes: UnsafeMutablePointer<Int64>?
    let open: UnsafeMutablePointer<Int64>
    let high: UnsafeMutablePointer<Int64>
    let low: UnsafeMutablePointer<Int64>
    let close: UnsafeMutablePointer<Int64>
    let markOpen: UnsafeMutablePointer<Int64>
    let markHigh: UnsafeMutablePointer<Int64>
    let markLow: UnsafeMutablePointer<Int64>
    let markClose: UnsafeMutablePointer<Int64>
    /// True when the open times and OHLC are copies (freed by `deallocate`).
    let ownsPrices: Bool
    /// True when the mark columns are separate memory (mark klines were given).
    let ownsMark: Bool

    /// Copies of `klines`' columns.
    init(klines: KlineSeries, mark: KlineSeries?) {
        let capacity = max(klines.count, 1)
        func column(_ values: [Int64]) -> UnsafeMutablePointer<Int64> {
            let pointer = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
            values.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { pointer.initialize(from: base, count: buffer.count) }
            }
            return pointer
        }
        self.init(
            klines: klines, mark: mark, openTime: column(klines.openTimes), open: column(klines.opens),
            high: column(klines.highs), low: column(klines.lows), close: column(klines.closes), owned: true)
    }

    /// The klines' own columns (valid while the caller keeps the pointers valid), plus copies of
    /// the mark columns when mark klines are given.
    init(
        klines: KlineSeries, mark: KlineSeries?, openTime: UnsafeMutablePointer<Int64>,
        open: UnsafeMutablePointer<Int64>,
        high: UnsafeMutablePointer<Int64>, low: UnsafeMutablePointer<Int64>, close: UnsafeMutablePointer<Int64>,
        owned: Bool
    ) {
        let n = klines.count
        let capacity = max(n, 1)
        count = n
        self.openTime = openTime
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        ownsPrices = owned
        length = klines.interval.milliseconds ?? 0
        if length == 0 {
            let times = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
            for i in 0..<n {
                let start = Timestamp(milliseconds: klines.openTimes[i])
                times[i] = klines.interval.next(after: start).milliseconds - 1
            }
            closeTimes = times
        } else {
            closeTimes = nil
        }
        if let mark, !mark.isEmpty {
            ownsMark = true
            func copy(_ source: UnsafeMutablePointer<Int64>) -> UnsafeMutablePointer<Int64> {
                let pointer = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
                pointer.initialize(from: source, count: n)
                return pointer
            }
            markOpen = copy(open)
            markHigh = copy(high)
            markLow = copy(low)
            markClose = copy(close)
            var j = 0
            for i in 0..<n {
                let time = klines.openTimes[i]
                while j < mark.count && mark.openTimes[j] < time { j += 1 }
                if j < mark.count && mark.openTimes[j] == time {
                    markOpen[i] = mark.opens[j]
                    markHigh[i] = mark.highs[j]
                    markLow[i] = mark.lows[j]
                    markClose[i] = mark.closes[j]
                }
            }
        } else {
            ownsMark = false
            markOpen = open
            markHigh = high
            markLow = low
            markClose = close
        }
    }

    /// The last millisecond of bar `i`.
    @inline(__always) func closeTime(_ i: Int) -> Int64 {
        length > 0 ? openTime[i] &+ length &- 1 : closeTimes.unsafelyUnwrapped[i]
    }

    /// Frees what the columns own (once, from the owner's `deinit`).
    func deallocate() {
        if ownsPrices {
            for pointer in [openTime, open, high, low, close] { pointer.deallocate() }
        }
        closeTimes?.deallocate()
        if ownsMark {
            for pointer in [markOpen, markHigh, markLow, markClose] { pointer.deallocate() }
        }
    }
}
