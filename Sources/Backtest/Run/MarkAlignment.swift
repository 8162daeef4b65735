import Exchange
import Market

/// Mark klines for a streamed run, computed while the data is read: the mark prices matched to
/// the bars, spilled like them, and the marks of the funding settlements. The same values as the
/// exchange derives from loaded mark klines (`BarColumns`, `SimulatedExchange.fundingMarks`), so
/// streamed and loaded runs agree.
enum MarkAlignment {
    /// Bars per step: the pages of both spills behind it go back to the system.
    static let step = 1 << 16

    /// For every bar of `klines`, the mark bar of `marks` that opens with it, else the bar's own
    /// prices, as spilled columns (open times those of the bars).
    static func align(klines: KlineSpill, marks: KlineSpill) throws(ScenarioDataError) -> KlineSpill {
        var writer = try KlineSpill.Writer()
        let bars = klines.columns
        let mark = marks.columns
        var j = 0
        var released = 0
        var start = 0
        while start < bars.count {
            let end = min(bars.count, start + step)
            var chunk = KlineSeries(symbol: Symbol(""), interval: .m1)
            chunk.reserveCapacity(end - start)
            for i in start..<end {
                let time = bars.openTimes[i]
                while j < mark.count && mark.openTimes[j] < time { j += 1 }
                if j < mark.count && mark.openTimes[j] == time {
                    chunk.append(
                        openTime: time, open: mark.opens[j], high: mark.highs[j], low: mark.lows[j],
                        close: mark.closes[j], volume: 0)
                } else {
                    chunk.append(
                        openTime: time, open: bars.opens[i], high: bars.highs[i], low: bars.lows[i],
                        close: bars.closes[i], volume: 0)
                }
            }
            do throws(ScenarioDataError) {
                try writer.append(chunk, 0..<chunk.count)
            } catch {
                writer.discard()
                throw error
            }
            klines.release(from: start, to: end)
            marks.release(from: released, to: j)
            released = j
            start = end
        }
        return try writer.finish()
    }

    /// Each funding settlement's mark: the open of the first mark bar at or after it, else the
    /// last mark bar's close (0 without mark bars).
    static func fundingMarks(_ funding: [FundingRate], marks: KlineSpill) -> [Int64] {
        let mark = marks.columns
        return funding.map { rate in
            var low = 0
            var high = mark.count
            let target = rate.time.milliseconds
            while low < high {
                let mid = (low + high) / 2
                if mark.openTimes[mid] < target { low = mid + 1 } else { high = mid }
            }
            if low < mark.count { return mark.opens[low] }
            return mark.count > 0 ? mark.closes[mark.count - 1] : 0
        }
    }
}
