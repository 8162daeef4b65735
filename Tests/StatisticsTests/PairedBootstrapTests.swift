import Market
import Statistics
import TestSupport
import Testing

/// The paired bootstrap against hand-computed cases, an independent reference implementation,
/// its seed and its edge cases.
@Suite struct PairedBootstrapTests {
    @Test func totalsAndDaysWonAreTheHandComputedOnes() throws {
        let result = try PairedBootstrap.compare(candidate: [10, 20, 30, 40], baseline: [5, 25, 30, 20])
        #expect(result.days == 4)
        #expect(result.meanDelta == 5)
        #expect(result.totalDelta == 20)
        #expect(result.daysWon == 2)
        #expect(result.settings == .default)
    }

    /// Two days, one block of both: every resample is a rotation of the same two days, so every
    /// resample mean is the observed mean; no centred mean reaches |1|, so p = 1 / (B + 1).
    @Test func aBlockAsLongAsTheSeriesLeavesNoVariation() throws {
        let settings = BootstrapSettings(resamples: 9, blockLength: 2, seed: 7)
        let result = try PairedBootstrap.compare(candidate: [0, 2], baseline: [0, 0], settings: settings)
        #expect(result.meanDelta == 1)
        #expect(result.meanInterval == 1...1)
        #expect(result.pValue == 0.1)
    }

    /// Days −1 and 3, 1-day blocks: a resample mean is −1, 1 or 3 with probabilities ¼, ½, ¼.
    /// The 2.5 % and 97.5 % quantiles are −1 and 3; the centred mean reaches |1| exactly when it
    /// is −1 or 3, so p → ½.
    @Test func twoDaysGiveTheEnumeratedDistribution() throws {
        let settings = BootstrapSettings(resamples: 100_000, blockLength: 1, seed: 3)
        let result = try PairedBootstrap.compare(candidate: [-1, 3], baseline: [0, 0], settings: settings)
        #expect(result.meanDelta == 1)
        #expect(result.meanInterval == -1...3)
        let p = try #require(result.pValue)
        #expect(abs(p - 0.5) < 0.01)
        let means = PairedBootstrap.resampleMeans([-1, 3], settings: settings)
        let middle = Double(means.count { $0 == 1 }) / Double(means.count)
        #expect(abs(middle - 0.5) < 0.01)
        #expect(Set(means) == [-1, 1, 3])
    }

    @Test func identicalSeriesGiveZeroAndPOne() throws {
        let series: [Double] = [3, -1, 4, -1, 5, -9, 2, 6]
        let result = try PairedBootstrap.compare(candidate: series, baseline: series)
        #expect(result.meanDelta == 0)
        #expect(result.meanInterval == 0...0)
        #expect(result.pValue == 1)
        #expect(result.daysWon == 0)
        #expect(!result.isSignificant)
    }

    @Test func aConstantNonZeroDifferenceIsAsSignificantAsTheResamplesAllow() throws {
        let baseline: [Double] = [3, -1, 4, -1, 5]
        let settings = BootstrapSettings(resamples: 499)
        let result = try PairedBootstrap.compare(
            candidate: baseline.map { $0 + 2 }, baseline: baseline, settings: settings)
        #expect(result.meanDelta == 2)
        #expect(result.meanInterval == 2...2)
        #expect(result.pValue == 1.0 / 500)
        #expect(result.isSignificant)
        #expect(result.totalInterval == 10...10)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 30])
    func theLibraryMatchesTheReferenceImplementation(block: Int) throws {
        var random = SplitMix64(seed: 42)
        let candidate = (0..<23).map { _ in random.unit() * 200 - 90 }
        let baseline = (0..<23).map { _ in random.unit() * 200 - 100 }
        let settings = BootstrapSettings(resamples: 777, blockLength: block, seed: 99, confidence: 0.9)
        let result = try PairedBootstrap.compare(candidate: candidate, baseline: baseline, settings: settings)
        let reference = ReferenceBootstrap.compare(candidate: candidate, baseline: baseline, settings: settings)
        #expect(result.meanDelta == reference.mean)
        #expect(result.meanInterval == reference.low...reference.high)
        #expect(result.pValue == reference.p)
    }

    @Test func theSeedDecidesTheDrawsAndNothingElseDoes() throws {
        var random = SplitMix64(seed: 5)
        let candidate = (0..<30).map { _ in random.unit() - 0.45 }
        let baseline = (0..<30).map { _ in random.unit() - 0.5 }
        let first = try PairedBootstrap.compare(candidate: candidate, baseline: baseline)
        let again = try PairedBootstrap.compare(candidate: candidate, baseline: baseline)
        #expect(first == again)
        var other = BootstrapSettings.default
        other.seed = 2
        let reseeded = try PairedBootstrap.compare(candidate: candidate, baseline: baseline, settings: other)
        #expect(reseeded.meanDelta == first.meanDelta)
        #expect(reseeded.meanInterval != first.meanInterval)
        // Pinned: SplitMix64 and the draw procedure are the same on every platform.
        let interval = try #require(first.meanInterval)
        #expect(abs(first.meanDelta - 0.07928330160461776) < 1e-12)
        #expect(abs(interval.lowerBound - -0.0792470564990076) < 1e-12)
        #expect(abs(interval.upperBound - 0.25265573584476364) < 1e-12)
        #expect(first.pValue == 0.35282358820589704)
    }

    @Test func noDaysGiveNoIntervalAndNoPValue() throws {
        let result = try PairedBootstrap.compare(candidate: [], baseline: [])
        #expect(result.days == 0)
        #expect(result.meanDelta == 0)
        #expect(result.meanInterval == nil)
        #expect(result.pValue == nil)
        #expect(result.totalInterval == nil)
    }

    @Test func oneDayGivesTheDifferenceButNoInterval() throws {
        let result = try PairedBootstrap.compare(candidate: [5], baseline: [2])
        #expect(result.days == 1)
        #expect(result.meanDelta == 3)
        #expect(result.daysWon == 1)
        #expect(result.meanInterval == nil)
        #expect(result.pValue == nil)
        #expect(!result.isSignificant)
    }

    @Test func twoDaysGiveAnInterval() throws {
        let result = try PairedBootstrap.compare(candidate: [5, 1], baseline: [2, 2])
        #expect(result.meanDelta == 1)
        let interval = try #require(result.meanInterval)
        #expect(interval.lowerBound == -1)
        #expect(interval.upperBound == 3)
        #expect(result.pValue != nil)
    }

    @Test func mismatchedLengthsAreAnError() {
        #expect(throws: StatisticsError.lengthMismatch(first: 3, second: 2)) {
            try PairedBootstrap.compare(candidate: [1, 2, 3], baseline: [1, 2])
        }
        #expect(
            StatisticsError.lengthMismatch(first: 3, second: 2).description
                == "the two series must cover the same days (3 and 2 values)")
    }

    @Test func valuesThatAreNotFiniteAreAnError() {
        #expect(throws: StatisticsError.notFinite(index: 1)) {
            try PairedBootstrap.compare(candidate: [1, .nan, 3], baseline: [1, 2, 3])
        }
        #expect(throws: StatisticsError.notFinite(index: 2)) {
            try PairedBootstrap.compare(candidate: [1, 2, 3], baseline: [1, 2, -.infinity])
        }
        #expect(throws: StatisticsError.notFinite(index: 0)) {
            try PairedBootstrap.compare(candidate: [.greatestFiniteMagnitude], baseline: [-.greatestFiniteMagnitude])
        }
        #expect(StatisticsError.notFinite(index: 1).description == "a value is not a finite number (index 1)")
    }

    @Test func settingsOutOfRangeAreAnError() {
        #expect(throws: StatisticsError.resamplesOutOfRange(0)) {
            try PairedBootstrap.compare(candidate: [1, 2], baseline: [1, 2], settings: .init(resamples: 0))
        }
        #expect(throws: StatisticsError.blockLengthOutOfRange(0)) {
            try PairedBootstrap.compare(candidate: [1, 2], baseline: [1, 2], settings: .init(blockLength: 0))
        }
        #expect(throws: StatisticsError.confidenceOutOfRange(1)) {
            try PairedBootstrap.compare(candidate: [1, 2], baseline: [1, 2], settings: .init(confidence: 1))
        }
        #expect(
            StatisticsError.resamplesOutOfRange(0).description == "resamples must be from 1 to 1000000 (0)")
        #expect(
            StatisticsError.blockLengthOutOfRange(0).description
                == "the block length must be from 1 to 10000 days (0)")
    }

    @Test func quantilesInterpolateBetweenOrderStatistics() {
        #expect(BootstrapQuantile.quantile(sorted: [1, 2, 3, 4], 0.5) == 2.5)
        #expect(BootstrapQuantile.quantile(sorted: [1, 2, 3, 4], 0) == 1)
        #expect(BootstrapQuantile.quantile(sorted: [1, 2, 3, 4], 1) == 4)
        #expect(BootstrapQuantile.quantile(sorted: Array(0...40).map(Double.init), 0.025) == 1)
        #expect(BootstrapQuantile.quantile(sorted: [0, 10], 0.25) == 2.5)
        #expect(BootstrapQuantile.quantile(sorted: [7], 0.975) == 7)
        #expect(BootstrapQuantile.quantile(sorted: [], 0.5).isNaN)
    }
}

/// A second, deliberately plain implementation of the documented procedure: builds each resample
/// as an explicit index list, then takes means, sorts and reads quantiles by the type-7 formula.
enum ReferenceBootstrap {
    static func compare(
        candidate: [Double], baseline: [Double], settings: BootstrapSettings
    ) -> (mean: Double, low: Double, high: Double, p: Double) {
        let differences = zip(candidate, baseline).map { $0 - $1 }
        let n = differences.count
        let mean = differences.reduce(0, +) / Double(n)
        let block = min(settings.blockLength, n)
        var generator = SplitMix64(seed: settings.seed)
        var means: [Double] = []
        for _ in 0..<settings.resamples {
            var indices: [Int] = []
            while indices.count < n {
                let start = Int(generator.next() % UInt64(n))
                for offset in 0..<block { indices.append((start + offset) % n) }
            }
            let resample = indices.prefix(n).map { differences[$0] }
            means.append(resample.reduce(0, +) / Double(n))
        }
        let extreme = means.filter { abs($0 - mean) >= abs(mean) }.count
        let p = Double(extreme + 1) / Double(settings.resamples + 1)
        let sorted = means.sorted()
        func quantile(_ q: Double) -> Double {
            let h = Double(sorted.count - 1) * q
            let i = Int(h)
            return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
        }
        let alpha = 1 - settings.confidence
        return (mean, quantile(alpha / 2), quantile(1 - alpha / 2), p)
    }
}
