public import Market

/// The price columns of one kline series, pinned in memory: valid only inside
/// `KlineColumns.withColumns(of:_:)`, which hands them out.
public struct KlineColumns {
    public let openTimes: UnsafeBufferPointer<Int64>
    public let opens: UnsafeBufferPointer<Int64>
    public let highs: UnsafeBufferPointer<Int64>
    public let lows: UnsafeBufferPointer<Int64>
    public let closes: UnsafeBufferPointer<Int64>

    /// The number of bars.
    public var count: Int { openTimes.count }

    /// Columns at the given addresses, of equal length.
    public init(
        openTimes: UnsafeBufferPointer<Int64>, opens: UnsafeBufferPointer<Int64>, highs: UnsafeBufferPointer<Int64>,
        lows: UnsafeBufferPointer<Int64>, closes: UnsafeBufferPointer<Int64>
    ) {
        self.openTimes = openTimes
        self.opens = opens
        self.highs = highs
        self.lows = lows
        self.closes = closes
    }

    /// Calls `body` with the columns of every series, in order, read in place (no copy). The
    /// loops that walk every bar of a run read the columns through these buffers: no reference
    /// counting and no bounds checks in release builds.
    public static func withColumns<T>(of series: [KlineSeries], _ body: ([KlineColumns]) throws -> T) rethrows -> T {
        var columns: [KlineColumns] = []
        columns.reserveCapacity(series.count)
        func pin(_ index: Int) throws -> T {
            guard index < series.count else { return try body(columns) }
            let k = series[index]
            precondition(
                k.opens.count == k.count && k.highs.count == k.count && k.lows.count == k.count
                    && k.closes.count == k.count, "kline columns of unequal length")
            return try k.openTimes.withUnsafeBufferPointer { t in
                try k.opens.withUnsafeBufferPointer { o in
                    try k.highs.withUnsafeBufferPointer { h in
                        try k.lows.withUnsafeBufferPointer { l in
                            try k.closes.withUnsafeBufferPointer { c in
                                columns.append(KlineColumns(openTimes: t, opens: o, highs: h, lows: l, closes: c))
                                return try pin(index + 1)
                            }
                        }
                    }
                }
            }
        }
        return try pin(0)
    }
}
