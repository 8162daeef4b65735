import Market
import Statistics

/// The statistics of each point against the baseline (`sweep_comparisons`): the paired
/// difference of the whole-range daily equity change (same days, same data), with the
/// `Statistics` target's circular block bootstrap interval and two-sided p-value, and Holm's
/// adjustment over every non-baseline point.
public enum SweepStatistics {
    /// Every point's comparison with the baseline, in point order.
    public static func comparisons(_ outcome: SweepOutcome) -> [SweepComparison] {
        let bootstrap = outcome.spec.bootstrap
        let settings = BootstrapSettings(
            resamples: bootstrap.resamples, blockLength: bootstrap.blockDays, seed: bootstrap.seed)
        let baselineID = outcome.plan.points[outcome.plan.baselineIndex].id
        var comparisons: [SweepComparison] = []
        for d in SweepReport.differences(outcome) {
            var delta = Money.zero
            for (p, b) in zip(d.point, d.baseline) { delta += p - b }
            var comparison = SweepComparison(pointID: d.pointID, deltaNet: delta, days: d.days.count)
            if d.pointID != baselineID,
                let paired = try? PairedBootstrap.compare(
                    candidate: d.point.map(\.doubleValue), baseline: d.baseline.map(\.doubleValue), settings: settings)
            {
                // The interval of the summed difference, on the scale of `delta_net`.
                comparison.ciLow = paired.totalInterval?.lowerBound
                comparison.ciHigh = paired.totalInterval?.upperBound
                comparison.pValue = paired.pValue
            }
            comparisons.append(comparison)
        }
        let adjusted = MultipleComparison.holm(comparisons.map(\.pValue))
        for index in comparisons.indices { comparisons[index].pAdjusted = adjusted[index] }
        return comparisons
    }
}
