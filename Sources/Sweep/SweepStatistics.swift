public import Market
import Statistics

/// The statistics of each point against the baseline (`sweep_comparisons`): the paired
/// difference of the whole-range daily equity change (same days, same data), with the
/// `Statistics` target's circular block bootstrap interval and two-sided p-value, and Holm's
/// adjustment over every non-baseline point; the same per strategy
/// (`sweep_strategy_comparisons`) and White's Reality Check for the best point
/// (`sweep_reality_check`).
///
/// Every figure is a function of the run summaries' rows alone (`sweep_runs`,
/// `sweep_strategy_runs`, `sweep_run_days`, `sweep_strategy_run_days`), so a report rebuilt from
/// those rows has the same statistics.
public enum SweepStatistics {
    /// The sweep file's bootstrap settings.
    static func settings(_ outcome: SweepOutcome) -> BootstrapSettings {
        let bootstrap = outcome.spec.bootstrap
        return BootstrapSettings(resamples: bootstrap.resamples, blockLength: bootstrap.blockDays, seed: bootstrap.seed)
    }

    /// Every point's comparison with the baseline, in point order.
    public static func comparisons(_ outcome: SweepOutcome) -> [SweepComparison] {
        let settings = settings(outcome)
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

    /// The run of `point` with every strategy over window `window` (0: the whole range).
    static func run(_ outcome: SweepOutcome, point: Int, window: Int) -> SweepRunSummary? {
        let plan = outcome.plan
        let perPoint = plan.strategySets.count * plan.windows.count
        let index = point * perPoint + window
        guard index < plan.runs.count, plan.runs[index].point == point, plan.runs[index].strategySet == 0,
            plan.runs[index].window == window
        else {
            return plan.runs.firstIndex { $0.point == point && $0.strategySet == 0 && $0.window == window }
                .map { outcome.runs[$0] }
        }
        return outcome.runs[index]
    }

    /// Every point × strategy compared with the same strategy at the baseline, by point then
    /// strategy id: the paired difference of the strategy's booked daily net over the union of
    /// both whole-range runs' days (a day a run lacks counts as 0), its bootstrap interval and
    /// two-sided p-value, Holm's adjustment within the strategy over every non-baseline point,
    /// and the windows in which the strategy booked more than at the baseline.
    public static func strategyComparisons(_ outcome: SweepOutcome) -> [SweepStrategyComparison] {
        let settings = settings(outcome)
        let plan = outcome.plan
        guard let baseline = run(outcome, point: plan.baselineIndex, window: 0) else { return [] }
        let baselineID = plan.points[plan.baselineIndex].id
        let windowIndices = plan.windows.filter { !$0.isWholeRange }.map(\.index)
        var rows: [SweepStrategyComparison] = []
        for p in plan.points.indices {
            guard let point = run(outcome, point: p, window: 0) else { continue }
            var days = Array(Set(point.days.map(\.day)).union(baseline.days.map(\.day)))
            days.sort()
            var ids = Array(Set(point.strategies.map(\.strategyID)).union(baseline.strategies.map(\.strategyID)))
            ids.sort()
            for id in ids {
                let candidate = daily(point, id, days)
                let base = daily(baseline, id, days)
                var delta = Money.zero
                for (c, b) in zip(candidate, base) { delta += c - b }
                var row = SweepStrategyComparison(
                    pointID: plan.points[p].id, strategyID: id, deltaNet: delta, days: days.count,
                    windows: windowIndices.count)
                for w in windowIndices {
                    let mine = run(outcome, point: p, window: w).map { net($0, id) } ?? .zero
                    let theirs = run(outcome, point: plan.baselineIndex, window: w).map { net($0, id) } ?? .zero
                    if mine > theirs { row.windowsWon += 1 }
                }
                if plan.points[p].id != baselineID,
                    let paired = try? PairedBootstrap.compare(
                        candidate: candidate.map(\.doubleValue), baseline: base.map(\.doubleValue), settings: settings)
                {
                    row.ciLow = paired.totalInterval?.lowerBound
                    row.ciHigh = paired.totalInterval?.upperBound
                    row.pValue = paired.pValue
                }
                rows.append(row)
            }
        }
        // Holm within each strategy, over the points (rows are in point order).
        var strategies = Array(Set(rows.map(\.strategyID)))
        strategies.sort()
        for id in strategies {
            let indices = rows.indices.filter { rows[$0].strategyID == id }
            let adjusted = MultipleComparison.holm(indices.map { rows[$0].pValue })
            for (index, p) in zip(indices, adjusted) { rows[index].pAdjusted = p }
        }
        return rows
    }

    /// White's Reality Check of the best non-baseline point: the daily equity-change
    /// differences of every non-baseline point's whole-range run against the baseline's, over
    /// the union of all whole-range runs' days (a day a run lacks counts as 0), resampled with
    /// the same block indices for every point. nil with no other point or fewer than two days.
    public static func realityCheck(_ outcome: SweepOutcome) -> SweepRealityCheck? {
        let plan = outcome.plan
        guard let baseline = run(outcome, point: plan.baselineIndex, window: 0) else { return nil }
        var candidates: [(id: Int, run: SweepRunSummary)] = []
        for p in plan.points.indices where p != plan.baselineIndex {
            if let summary = run(outcome, point: p, window: 0) { candidates.append((plan.points[p].id, summary)) }
        }
        var daySet = Set(baseline.days.map(\.day))
        for candidate in candidates { daySet.formUnion(candidate.run.days.map(\.day)) }
        var days = Array(daySet)
        days.sort()
        func series(_ summary: SweepRunSummary) -> [Double] {
            var byDay: [Int64: Money] = [:]
            for day in summary.days { byDay[day.day] = day.net }
            return days.map { (byDay[$0] ?? .zero).doubleValue }
        }
        let base = series(baseline)
        let differences = candidates.map { candidate in zip(series(candidate.run), base).map { $0 - $1 } }
        guard let result = try? RealityCheck.test(differences: differences, settings: settings(outcome)) else {
            return nil
        }
        return SweepRealityCheck(
            bestPointID: candidates[result.best].id, candidates: result.candidates, days: result.days,
            statistic: result.statistic, pValue: result.pValue)
    }

    /// A strategy's booked net in a run.
    static func net(_ summary: SweepRunSummary, _ id: String) -> Money {
        summary.strategies.first { $0.strategyID == id }?.net ?? .zero
    }

    /// A strategy's booked net on each of `days` (0 on a day it has no row for).
    static func daily(_ summary: SweepRunSummary, _ id: String, _ days: [Int64]) -> [Money] {
        var byDay: [Int64: Money] = [:]
        for day in summary.strategies.first(where: { $0.strategyID == id })?.days ?? [] { byDay[day.day] = day.net }
        return days.map { byDay[$0] ?? .zero }
    }
}

/// One strategy at one point against the same strategy at the baseline (the
/// `sweep_strategy_comparisons` row); nil figures are NULL in the report.
public struct SweepStrategyComparison: Sendable, Hashable {
    public var pointID: Int
    public var strategyID: String
    /// Σ over days of (point − baseline) booked daily net of the strategy, whole range.
    public var deltaNet: Money
    public var days: Int
    public var ciLow: Double?
    public var ciHigh: Double?
    public var pValue: Double?
    /// Holm-adjusted within the strategy over every non-baseline point.
    public var pAdjusted: Double?
    /// Walk-forward windows in which the strategy booked more than at the baseline.
    public var windowsWon = 0
    public var windows: Int

    public init(pointID: Int, strategyID: String, deltaNet: Money, days: Int, windows: Int) {
        self.pointID = pointID
        self.strategyID = strategyID
        self.deltaNet = deltaNet
        self.days = days
        self.windows = windows
    }
}

/// White's Reality Check for the best point (the `sweep_reality_check` row).
public struct SweepRealityCheck: Sendable, Hashable {
    /// The non-baseline point with the largest whole-range difference from the baseline.
    public var bestPointID: Int
    /// The non-baseline points searched.
    public var candidates: Int
    public var days: Int
    /// √days × the best point's mean daily difference.
    public var statistic: Double
    /// The chance of a best point this good when no point beats the baseline.
    public var pValue: Double
}
