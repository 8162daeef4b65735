import Exchange
import Market
import Results
import Testing

@testable import Backtest

/// The price bars a run reports (`PriceBarAggregator`, fed a window of bars at a time by a
/// streamed run and every bar at once by a loaded one): buckets of the equity interval aligned to
/// the epoch, whatever the ranges the bars come in.
@Suite struct PriceBarAggregatorTests {
    static let symbol = Symbol("BTCUSDT")

    /// Open times with gaps (missing bars, a bucket with one bar, buckets with none) across the
    /// epoch, and prices that move up and down.
    static func columns() -> (times: [Int64], opens: [Int64], highs: [Int64], lows: [Int64], closes: [Int64]) {
        var times: [Int64] = []
        var t: Int64 = -7 * 60_000
        var k: Int64 = 0
        while times.count < 500 {
            times.append(t)
            k += 1
            t += 60_000 * (k % 7 == 0 ? 5 : k % 41 == 0 ? 37 : 1)
        }
        let opens = times.indices.map { Int64(1000 + ($0 * 37) % 101) }
        let highs = opens.indices.map { opens[$0] + Int64(($0 * 13) % 17) }
        let lows = opens.indices.map { opens[$0] - Int64(($0 * 11) % 19) }
        let closes = opens.indices.map { lows[$0] + (highs[$0] - lows[$0]) / 2 }
        return (times, opens, highs, lows, closes)
    }

    /// The price bars the straightforward way: each bucket from its first bar, by a floating-point
    /// floor, and the bars before its end.
    static func expected(step: Int64) -> [PriceBar] {
        let c = columns()
        var bars: [PriceBar] = []
        var i = 0
        while i < c.times.count {
            let bucket = Int64((Double(c.times[i]) / Double(step)).rounded(.down)) * step
            var j = i
            while j + 1 < c.times.count && c.times[j + 1] < bucket + step { j += 1 }
            bars.append(
                PriceBar(
                    symbol: symbol, time: Timestamp(milliseconds: bucket), open: Price(raw: c.opens[i]),
                    high: Price(raw: c.highs[i...j].max()!), low: Price(raw: c.lows[i...j].min()!),
                    close: Price(raw: c.closes[j])))
            i = j + 1
        }
        return bars
    }

    /// Feeds the bars in ranges of the given lengths (cycled), then closes the last bucket.
    static func aggregate(step: Int64, ranges: [Int]) -> [PriceBar] {
        let c = columns()
        return c.times.withUnsafeBufferPointer { t in
            c.opens.withUnsafeBufferPointer { o in
                c.highs.withUnsafeBufferPointer { h in
                    c.lows.withUnsafeBufferPointer { l in
                        c.closes.withUnsafeBufferPointer { cl in
                            let k = KlineColumns(openTimes: t, opens: o, highs: h, lows: l, closes: cl)
                            var aggregator = PriceBarAggregator(symbol: symbol, step: step)
                            var at = 0
                            var r = 0
                            while at < k.count {
                                let end = min(k.count, at + ranges[r % ranges.count])
                                aggregator.add(k, at..<end)
                                aggregator.add(k, end..<end)
                                at = end
                                r += 1
                            }
                            aggregator.finish()
                            return aggregator.bars
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: [[500], [1], [2, 3], [7, 1, 60], [59, 61], [700]])
    func rangesGiveTheSameBars(_ ranges: [Int]) {
        for step: Int64 in [60_000, 5 * 60_000, 3_600_000] {
            let bars = Self.aggregate(step: step, ranges: ranges)
            #expect(bars == Self.expected(step: step), "step \(step)")
        }
        // 5m buckets from -7m: the first bucket is [-10m, -5m) with the bars at -7m, -6m.
        let first = Self.aggregate(step: 5 * 60_000, ranges: ranges)[0]
        #expect(first.time == Timestamp(milliseconds: -10 * 60_000))
        #expect(first.open == Price(raw: 1000))
        #expect(first.close == Price(raw: Self.columns().closes[1]))
    }

    @Test func noBarsNoPriceBars() {
        var aggregator = PriceBarAggregator(symbol: Self.symbol, step: 60_000)
        aggregator.finish()
        #expect(aggregator.bars.isEmpty)
    }
}
