/// The paired comparison of a candidate's daily series with a baseline's over the same days: the
/// observed difference and how sure the block bootstrap is about it.
///
/// Differences are candidate − baseline. `meanDelta` is the mean daily difference and
/// `totalDelta` the summed difference (for daily net PnL: the difference in net PnL over the
/// period). The interval and the p-value are `nil` when there are fewer than two days: one day
/// says nothing about variability. See docs/statistics.md for the method and its limits.
public struct PairedComparison: Sendable, Hashable {
    /// The number of paired days.
    public var days: Int
    /// The mean daily difference (0 when there are no days).
    public var meanDelta: Double
    /// The percentile bootstrap interval for the mean daily difference.
    public var meanInterval: ClosedRange<Double>?
    /// The two-sided bootstrap p-value for "the mean daily difference is 0", in (0, 1].
    public var pValue: Double?
    /// The days on which the candidate's value is above the baseline's.
    public var daysWon: Int
    /// The settings that produced the interval and the p-value.
    public var settings: BootstrapSettings

    public init(
        days: Int, meanDelta: Double, meanInterval: ClosedRange<Double>?, pValue: Double?, daysWon: Int,
        settings: BootstrapSettings
    ) {
        self.days = days
        self.meanDelta = meanDelta
        self.meanInterval = meanInterval
        self.pValue = pValue
        self.daysWon = daysWon
        self.settings = settings
    }

    /// The summed difference over all days: `meanDelta × days`.
    public var totalDelta: Double { meanDelta * Double(days) }

    /// The interval for the summed difference: the mean's interval times the number of days.
    public var totalInterval: ClosedRange<Double>? {
        meanInterval.map { ($0.lowerBound * Double(days))...($0.upperBound * Double(days)) }
    }

    /// Whether the interval excludes 0 (a difference at the chosen confidence level).
    public var isSignificant: Bool {
        guard let interval = meanInterval else { return false }
        return !interval.contains(0)
    }
}
