import Market

/// One symbol's bars copied into manually managed memory: open/close times, OHLC, and the mark
/// OHLC aligned to the same indices (the kline values where the mark series has no bar, or
/// when no mark klines were given). Plain pointers keep reference counting out of the per-bar
/// path; `SimulatedExchange` owns the memory and frees it in `deinit`.
struct BarColumns {
    let count: Int
    let openTime: UnsafeMutablePointer<Int64>
    let closeTime: UnsafeMutablePointer<Int64>
    let open: UnsafeMutablePointer<Int64>
    let high: UnsafeMutablePointer<Int64>
    let low: UnsafeMutablePointer<Int64>
    let close: UnsafeMutablePointer<Int64>
    let markOpen: UnsafeMutablePointer<Int64>
    let markHigh: UnsafeMutablePointer<Int64>
    let markLow: UnsafeMutablePointer<Int64>
    let markClose: UnsafeMutablePointer<Int64>
    /// True when the mark columns are separate memory (mark klines were given).
    let ownsMark: Bool

    init(klines: KlineSeries, mark: KlineSeries?) {
        let n = klines.count
        let capacity = max(n, 1)
        func column(_ values: [Int64]) -> UnsafeMutablePointer<Int64> {
            let pointer = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
            values.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { pointer.initialize(from: base, count: buffer.count) }
            }
            return pointer
        }
        count = n
        openTime = column(klines.openTimes)
        open = column(klines.opens)
        high = column(klines.highs)
        low = column(klines.lows)
        close = column(klines.closes)
        closeTime = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
        for i in 0..<n {
            let start = Timestamp(milliseconds: klines.openTimes[i])
            closeTime[i] = klines.interval.next(after: start).milliseconds - 1
        }
        if let mark, !mark.isEmpty {
            ownsMark = true
            markOpen = column(klines.opens)
            markHigh = column(klines.highs)
            markLow = column(klines.lows)
            markClose = column(klines.closes)
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

    /// Frees the columns (once, from the owner's `deinit`).
    func deallocate() {
        for pointer in [openTime, closeTime, open, high, low, close] { pointer.deallocate() }
        if ownsMark {
            for pointer in [markOpen, markHigh, markLow, markClose] { pointer.deallocate() }
        }
    }
}
