import Market

/// One straight stretch of a bar's price path: from the previous path point to the next, on
/// the kline (contract) path and the mark path in lockstep.
struct PathSegment {
    var c0: Int64
    var c1: Int64
    var m0: Int64
    var m1: Int64
    var point: PathPoint
    /// The stretch from the previous bar's close to this bar's open: nothing trades in between,
    /// so everything it triggers fills at the open.
    var gap: Bool
    /// The bar's range, for clamping taker fills after slippage.
    var low: Int64
    var high: Int64
}
