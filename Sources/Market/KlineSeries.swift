/// One symbol's klines stored column by column (raw fixed-point `Int64`s), the shape the
/// simulation loop walks: no per-bar objects, contiguous memory, cheap to share across runs.
///
/// Only what the simulation needs is kept: open time, OHLC and base volume. The trade
/// statistics of the 12-column format are read and validated, then dropped.
public struct KlineSeries: Sendable, Hashable {
    /// The pair.
    public var symbol: Symbol
    /// The bar interval.
    public var interval: Interval
    /// Open times in milliseconds, strictly increasing.
    public var openTimes: [Int64] = []
    /// Raw `Price` values.
    public var opens: [Int64] = []
    public var highs: [Int64] = []
    public var lows: [Int64] = []
    public var closes: [Int64] = []
    /// Raw `Quantity` values.
    public var volumes: [Int64] = []

    public init(symbol: Symbol, interval: Interval) {
        self.symbol = symbol
        self.interval = interval
    }

    /// The number of bars.
    @inlinable public var count: Int { openTimes.count }
    @inlinable public var isEmpty: Bool { openTimes.isEmpty }

    /// Reserves room for `capacity` bars in every column.
    public mutating func reserveCapacity(_ capacity: Int) {
        openTimes.reserveCapacity(capacity)
        opens.reserveCapacity(capacity)
        highs.reserveCapacity(capacity)
        lows.reserveCapacity(capacity)
        closes.reserveCapacity(capacity)
        volumes.reserveCapacity(capacity)
    }

    /// Appends one bar.
    @inlinable public mutating func append(_ k: Kline) {
        openTimes.append(k.openTime.milliseconds)
        opens.append(k.open.raw)
        highs.append(k.high.raw)
        lows.append(k.low.raw)
        closes.append(k.close.raw)
        volumes.append(k.volume.raw)
    }

    /// Appends one bar from raw column values.
    @inlinable public mutating func append(
        openTime: Int64, open: Int64, high: Int64, low: Int64, close: Int64,
        volume: Int64
    ) {
        openTimes.append(openTime)
        opens.append(open)
        highs.append(high)
        lows.append(low)
        closes.append(close)
        volumes.append(volume)
    }

    /// The bar at `index` as a value (statistics zero; close time from the interval).
    public subscript(index: Int) -> Kline {
        let open = Timestamp(milliseconds: openTimes[index])
        return Kline(
            openTime: open, open: Price(raw: opens[index]), high: Price(raw: highs[index]),
            low: Price(raw: lows[index]), close: Price(raw: closes[index]), volume: Quantity(raw: volumes[index]),
            closeTime: interval.next(after: open).adding(milliseconds: -1))
    }

    /// The index of the first bar opening at or after `time` (binary search).
    public func firstIndex(atOrAfter time: Timestamp) -> Int {
        var low = 0
        var high = openTimes.count
        let target = time.milliseconds
        while low < high {
            let mid = (low + high) / 2
            if openTimes[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The bars with open time in `[start, end]`.
    public func slice(from start: Timestamp?, through end: Timestamp?) -> KlineSeries {
        let lower = start.map { firstIndex(atOrAfter: $0) } ?? 0
        let upper = end.map { firstIndex(atOrAfter: $0.adding(milliseconds: 1)) } ?? count
        var result = KlineSeries(symbol: symbol, interval: interval)
        guard lower < upper else { return result }
        result.openTimes = Array(openTimes[lower..<upper])
        result.opens = Array(opens[lower..<upper])
        result.highs = Array(highs[lower..<upper])
        result.lows = Array(lows[lower..<upper])
        result.closes = Array(closes[lower..<upper])
        result.volumes = Array(volumes[lower..<upper])
        return result
    }
}
