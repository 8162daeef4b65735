import Feeds
import Market

extension BenchmarkWorkload {
    /// The kline file header of data.binance.vision's futures archives.
    static let klineHeader = Array(
        ("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,"
            + "taker_buy_quote_volume,ignore\n").utf8)

    /// Writes one symbol's klines and returns its closes in ticks of 0.10.
    func writeKlines(
        symbol j: Int, name: Symbol, to directory: String, level: Int32, bytes: inout Int
    ) throws(BenchmarkError) -> [Int64] {
        var walk = RandomWalk(seed: seed &+ UInt64(j + 1) &* 0x9E37_79B9_7F4A_7C15, ticks: Self.centreTicks)
        var text: [UInt8] = []
        text.reserveCapacity(bars * 112 + Self.klineHeader.count)
        text.append(contentsOf: Self.klineHeader)
        var closes = [Int64](repeating: 0, count: bars)
        for i in 0..<bars {
            let bar = walk.next()
            closes[i] = bar.close
            let open = start.milliseconds + Int64(i) * 60_000
            FixedPointFormatter.append(units: open, scale: 0, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.open * 10, scale: 2, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.high * 10, scale: 2, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.low * 10, scale: 2, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.close * 10, scale: 2, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.volumeMilli, scale: 3, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: open + 59_999, scale: 0, to: &text)
            text.append(0x2C)
            // Volume (10⁻³) × close (10⁻¹): quote volume in 10⁻⁴.
            FixedPointFormatter.append(units: bar.volumeMilli * bar.close, scale: 4, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: bar.trades, scale: 0, to: &text)
            text.append(0x2C)
            let takerMilli = bar.volumeMilli / 2
            FixedPointFormatter.append(units: takerMilli, scale: 3, to: &text)
            text.append(0x2C)
            FixedPointFormatter.append(units: takerMilli * bar.close, scale: 4, to: &text)
            text.append(contentsOf: [0x2C, 0x30, 0x0A])
        }
        let path = directory + "/\(name.name)-1m.csv.zst"
        try Self.save(ZstdCompressor.compress(text, level: level), to: path, bytes: &bytes)
        return closes
    }
}

/// The integer random walk of the benchmark klines (prices in ticks of 0.10).
struct RandomWalk {
    /// One generated bar.
    struct Bar {
        var open: Int64
        var high: Int64
        var low: Int64
        var close: Int64
        var volumeMilli: Int64
        var trades: Int64
    }

    var random: SplitMix64
    var last: Int64
    let centre: Int64

    init(seed: UInt64, ticks: Int64) {
        random = SplitMix64(seed: seed)
        last = ticks
        centre = ticks
    }

    /// A uniform integer in `0..<bound` (the top 53 bits of the next value, modulo `bound`).
    mutating func below(_ bound: Int64) -> Int64 {
        Int64(truncatingIfNeeded: (random.next() >> 11) % UInt64(bound))
    }

    /// The next bar: four summed uniforms in ±130 ticks (standard deviation ≈ 150 ticks = 15 USDT,
    /// 0.05 % of 30 000) plus a pull of 1/8192 of the distance back to the centre.
    mutating func next() -> Bar {
        var step: Int64 = 0
        for _ in 0..<4 { step += below(261) - 130 }
        step += (centre - last) / 8192
        let open = last
        let close = Swift.max(open + step, 1_000)
        let high = Swift.max(open, close) + below(61)
        let low = Swift.max(Swift.min(open, close) - below(61), 1)
        last = close
        return Bar(
            open: open, high: high, low: low, close: close, volumeMilli: 1_000 + below(50_000),
            trades: 50 + below(1_000))
    }
}
