public import Market

/// The paired circular block bootstrap (Politis and Romano, 1992) of the difference of two daily
/// series over the same days.
///
/// The method, step by step (docs/statistics.md explains why):
/// 1. `d[i] = candidate[i] − baseline[i]` for each of the `n` days; the statistic is the mean
///    `m = Σ d / n`.
/// 2. Each resample joins `⌈n / b⌉` blocks of `b` consecutive days (`b` the block length, cut to
///    `n`), wrapping from the last day to the first. A block's first day is
///    `Int(generator.next() % UInt64(n))` from one `SplitMix64(seed:)` that serves all resamples
///    in order; the resample keeps its first `n` days and its mean is `m*`.
/// 3. The interval is the percentile interval of the `m*`: the `(1 − c) / 2` and `(1 + c) / 2`
///    quantiles (`c` the confidence) with linear interpolation between order statistics
///    (`BootstrapQuantile.quantile`).
/// 4. The two-sided p-value for "mean difference 0" counts resamples whose centred mean is at
///    least as far from 0 as the observed one: `p = (1 + #{|m* − m| ≥ |m|}) / (B + 1)` with `B`
///    resamples. Every day is equally likely in a circular resample, so `m*` is centred on `m`.
///
/// The same inputs and settings give the same result on every platform and in every process.
public enum PairedBootstrap {
    /// Compares `candidate` with `baseline` day by day.
    ///
    /// Throws when the series differ in length, a value is not finite or a setting is out of
    /// range. Fewer than two days give no interval and no p-value.
    public static func compare(
        candidate: [Double], baseline: [Double], settings: BootstrapSettings = .default
    ) throws(StatisticsError) -> PairedComparison {
        guard candidate.count == baseline.count else {
            throw .lengthMismatch(first: candidate.count, second: baseline.count)
        }
        try settings.validate()
        var differences: [Double] = []
        differences.reserveCapacity(candidate.count)
        var daysWon = 0
        for index in candidate.indices {
            guard candidate[index].isFinite else { throw .notFinite(index: index) }
            guard baseline[index].isFinite else { throw .notFinite(index: index) }
            let difference = candidate[index] - baseline[index]
            guard difference.isFinite else { throw .notFinite(index: index) }
            differences.append(difference)
            if candidate[index] > baseline[index] { daysWon += 1 }
        }
        let days = differences.count
        guard days > 0 else {
            return PairedComparison(
                days: 0, meanDelta: 0, meanInterval: nil, pValue: nil, daysWon: 0, settings: settings)
        }
        let mean = differences.reduce(0, +) / Double(days)
        guard days > 1 else {
            return PairedComparison(
                days: days, meanDelta: mean, meanInterval: nil, pValue: nil, daysWon: daysWon, settings: settings)
        }
        var means = resampleMeans(differences, settings: settings)
        let exceeding = means.reduce(into: 0) { count, resampled in
            if abs(resampled - mean) >= abs(mean) { count += 1 }
        }
        let pValue = Double(1 + exceeding) / Double(settings.resamples + 1)
        means.sort()
        let tail = (1 - settings.confidence) / 2
        let low = BootstrapQuantile.quantile(sorted: means, tail)
        let high = BootstrapQuantile.quantile(sorted: means, 1 - tail)
        return PairedComparison(
            days: days, meanDelta: mean, meanInterval: low...high, pValue: pValue, daysWon: daysWon,
            settings: settings)
    }

    /// The means of `settings.resamples` circular block resamples of `values` (not empty), in the
    /// order drawn. Settings are assumed valid.
    public static func resampleMeans(_ values: [Double], settings: BootstrapSettings) -> [Double] {
        let count = values.count
        guard count > 0 else { return [] }
        let block = min(settings.blockLength, count)
        let blocksPerResample = (count + block - 1) / block
        var generator = SplitMix64(seed: settings.seed)
        var means: [Double] = []
        means.reserveCapacity(settings.resamples)
        values.withUnsafeBufferPointer { buffer in
            for _ in 0..<settings.resamples {
                var sum = 0.0
                var remaining = count
                for _ in 0..<blocksPerResample {
                    var index = Int(generator.next() % UInt64(count))
                    let take = min(block, remaining)
                    for _ in 0..<take {
                        sum += buffer[index]
                        index += 1
                        if index == count { index = 0 }
                    }
                    remaining -= take
                }
                means.append(sum / Double(count))
            }
        }
        return means
    }
}
