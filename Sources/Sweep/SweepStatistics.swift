import Market

/// The statistics of each point against the baseline (`sweep_comparisons`).
public enum SweepStatistics {
    /// Every point's paired difference against the baseline over the whole range.
    public static func comparisons(_ outcome: SweepOutcome) -> [SweepComparison] {
        SweepReport.differences(outcome).map { d in
            var delta = Money.zero
            for (p, b) in zip(d.point, d.baseline) { delta += p - b }
            return SweepComparison(pointID: d.pointID, deltaNet: delta, days: d.days.count)
        }
    }
}
