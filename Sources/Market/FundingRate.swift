/// One funding settlement of a perpetual: at `time`, every open leg pays or receives
/// `mark × size × rate` (longs pay when the rate is positive).
public struct FundingRate: Sendable, Hashable {
    /// Settlement time, rounded to the funding grid (Binance's `fundingTime` carries a few ms of
    /// jitter).
    public var time: Timestamp
    /// The funding rate (e.g. 0.0001 = 0.01 %).
    public var rate: Rate
    /// The interval since the previous settlement in hours (1, 2, 4 or 8), when the file says.
    public var intervalHours: Int?

    public init(time: Timestamp, rate: Rate, intervalHours: Int? = nil) {
        self.time = time
        self.rate = rate
        self.intervalHours = intervalHours
    }
}
