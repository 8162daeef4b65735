public import Market

/// White's Reality Check (White, 2000) for the best of several candidates against one baseline:
/// how likely is a best point this much better than the baseline when no point is truly better?
///
/// Picking the largest of `K` observed differences favours luck: with 20 points and no true
/// difference, the best one's own p-value is below 5 % far more often than 5 % of the time. The
/// Reality Check tests the best point while accounting for the search over all `K`:
/// 1. `d_k[i]` is candidate `k`'s difference from the baseline on day `i` (all `K` series over
///    the same `n` days), `m_k` its mean. The statistic is `V = max_k √n · m_k`.
/// 2. Each resample draws its blocks exactly as `PairedBootstrap.resampleMeans` does (the same
///    `SplitMix64(seed:)`, the same block starts, in the same order) and applies the same day
///    indices to every candidate, so the dependence between candidates is kept. Resample `b`
///    gives `V*_b = max_k √n · (m*_k,b − m_k)`: the best centred mean when nothing differs.
/// 3. `p = (1 + #{V*_b ≥ V}) / (B + 1)`: one-sided (is the best candidate better than the
///    baseline), in (0, 1].
///
/// Under "no candidate is better than the baseline" with all differences 0 in truth, `p < 5 %`
/// happens about 5 % of the time, whatever `K` (tested by simulation in StatisticsTests).
/// Candidates that are truly worse make it conservative (Hansen's SPA corrects that; not done
/// here).
public enum RealityCheck {
    /// Tests the best of `differences` (one daily series per candidate, all the same length).
    ///
    /// - Returns: nil without candidates or with fewer than two days.
    /// - Throws: when the series differ in length, a value is not finite or a setting is out of
    ///   range.
    public static func test(
        differences: [[Double]], settings: BootstrapSettings = .default
    ) throws(StatisticsError) -> RealityCheckResult? {
        try settings.validate()
        guard let first = differences.first else { return nil }
        let days = first.count
        for series in differences {
            guard series.count == days else { throw .lengthMismatch(first: days, second: series.count) }
            if let index = series.firstIndex(where: { !$0.isFinite }) { throw .notFinite(index: index) }
        }
        guard days > 1 else { return nil }
        let scale = Double(days).squareRoot()
        let means = differences.map { $0.reduce(0, +) / Double(days) }
        var best = 0
        for k in means.indices where means[k] > means[best] { best = k }
        let statistic = scale * means[best]
        var resampler = BlockResampler(count: days, settings: settings)
        var indices = [Int](repeating: 0, count: days)
        var exceeding = 0
        for _ in 0..<settings.resamples {
            resampler.next(into: &indices)
            var maximum = -Double.infinity
            for (k, series) in differences.enumerated() {
                var sum = 0.0
                for index in indices { sum += series[index] }
                maximum = max(maximum, scale * (sum / Double(days) - means[k]))
            }
            if maximum >= statistic { exceeding += 1 }
        }
        return RealityCheckResult(
            best: best, candidates: differences.count, days: days, statistic: statistic,
            pValue: Double(1 + exceeding) / Double(settings.resamples + 1))
    }
}

/// The outcome of `RealityCheck.test`.
public struct RealityCheckResult: Sendable, Hashable {
    /// The index of the candidate with the largest mean difference (the first of equal ones).
    public var best: Int
    /// The number of candidates searched.
    public var candidates: Int
    /// The number of paired days.
    public var days: Int
    /// `√n ·` the best mean daily difference.
    public var statistic: Double
    /// The Reality Check p-value, in (0, 1].
    public var pValue: Double
}

/// The day indices of circular block resamples, drawn in the order `PairedBootstrap` draws them:
/// for each block, `Int(generator.next() % UInt64(n))` from one `SplitMix64(seed:)`, then `b`
/// consecutive days wrapping from the last day to the first, until `n` days are taken.
public struct BlockResampler: Sendable {
    private let count: Int
    private let block: Int
    private var generator: SplitMix64

    /// A resampler of `count` (at least 1) days with the settings' block length and seed.
    public init(count: Int, settings: BootstrapSettings) {
        self.count = max(count, 1)
        block = max(1, min(settings.blockLength, self.count))
        generator = SplitMix64(seed: settings.seed)
    }

    /// Fills `indices` (of `count` elements) with the next resample's day indices.
    public mutating func next(into indices: inout [Int]) {
        var filled = 0
        while filled < count {
            var index = Int(generator.next() % UInt64(count))
            for _ in 0..<min(block, count - filled) {
                indices[filled] = index
                filled += 1
                index += 1
                if index == count { index = 0 }
            }
        }
    }
}
