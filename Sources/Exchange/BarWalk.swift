/// Where a symbol's bar walk stands when it stops at an instant inside the bar
/// (`SimulatedExchange.processBar(symbolIndex:barIndex:through:)`): the next path point to walk,
/// and the walk's per-bar flags, kept while other symbols walk and signals are decided.
///
/// The path points (docs/exchange.md, "The bar's price path") are walked in order; a walk that
/// stops has walked every point at or before the instant and none after it.
struct BarWalk {
    /// The bar being walked; -1 when no walk is suspended.
    var bar: Int = -1
    /// The next point of the four-point path: 0 the open, 1 the first extreme, 2 the second,
    /// 3 the close; 4 when the path is done.
    var phase: Int = 0
    /// The bar is replayed on its detail klines (`detailIndex`, `detailPhase` say where).
    var replay = false
    /// The detail kline being replayed and the one after the last.
    var detailIndex = 0
    var detailEnd = 0
    /// The next point of the detail kline's path (0 open … 3 close).
    var detailPhase = 0
    /// The price the next detail kline's gap starts from.
    var detailPrevious: Int64 = 0
    /// The extreme visited first on the four-point path.
    var highFirst = false
    /// Something would trigger at both extremes.
    var twoSided = false
    /// The time of the last point walked.
    var clock: Int64 = 0
    /// The mark low and high the cross-margin levels were prepared for.
    var markLow: Int64 = 0
    var markHigh: Int64 = 0
    /// `ExchangeState`'s per-bar flags while the walk is suspended.
    var segmentAmbiguous = false
    var firedFirstExtreme = false
    var firedSecondExtreme = false
    var walkSegment = 0

    /// A walk is suspended.
    var isSuspended: Bool { bar >= 0 }
}
