import Market
import Statistics
import Testing

/// White's Reality Check: its resamples are the paired bootstrap's, hand-computed cases, and a
/// simulation where no candidate differs from the baseline (it rejects about 5 % of the time at
/// 95 %, while taking the best candidate's own p-value rejects several times more often).
@Suite struct RealityCheckTests {
    static let settings = BootstrapSettings(resamples: 399, blockLength: 2, seed: 5)

    @Test func resamplesAreThePairedBootstrapsOnes() {
        let series: [Double] = [3, -1, 4, 1, -5, 9, 2, -6, 5]
        var resampler = BlockResampler(count: series.count, settings: Self.settings)
        var indices = [Int](repeating: 0, count: series.count)
        var means: [Double] = []
        for _ in 0..<Self.settings.resamples {
            resampler.next(into: &indices)
            means.append(indices.reduce(0) { $0 + series[$1] } / Double(series.count))
        }
        #expect(means == PairedBootstrap.resampleMeans(series, settings: Self.settings))
    }

    /// Constant differences never vary in a resample: every centred maximum is 0, below the
    /// statistic when the difference is above 0 (p = 1 / (B + 1)) and equal to it at 0 (p = 1).
    @Test func constantDifferencesGiveTheExtremePValues() throws {
        let above = try #require(try RealityCheck.test(differences: [[0, 0, 0], [2, 2, 2]], settings: Self.settings))
        #expect(above.best == 1)
        #expect(above.candidates == 2)
        #expect(above.statistic == 2 * Double(3).squareRoot())
        #expect(above.pValue == 1.0 / 400)
        let none = try #require(try RealityCheck.test(differences: [[0, 0], [0, 0]], settings: Self.settings))
        #expect(none.best == 0)
        #expect(none.pValue == 1)
    }

    /// Candidate A differs by −1 and 3 (mean 1), B by 0 and 0; 1-day blocks over 2 days. A
    /// resample takes days (i, j): A's centred mean is −2, 0, 0 or 2 for (0,0), (0,1), (1,0),
    /// (1,1), B's is 0, so the centred maximum reaches √2 · 1 only for (1,1): p → ¼. Counted
    /// here with the generator's own draws.
    @Test func twoCandidatesOverTwoDaysMatchTheHandCount() throws {
        let settings = BootstrapSettings(resamples: 999, blockLength: 1, seed: 42)
        let result = try #require(try RealityCheck.test(differences: [[-1, 3], [0, 0]], settings: settings))
        #expect(result.best == 0)
        var generator = SplitMix64(seed: 42)
        var both = 0
        for _ in 0..<settings.resamples {
            let first = generator.next() % 2
            let second = generator.next() % 2
            if first == 1 && second == 1 { both += 1 }
        }
        #expect(result.pValue == Double(1 + both) / 1000)
        #expect(abs(result.pValue - 0.25) < 0.04)
    }

    @Test func badInputIsAnError() {
        #expect(throws: StatisticsError.lengthMismatch(first: 2, second: 3)) {
            try RealityCheck.test(differences: [[1, 2], [1, 2, 3]])
        }
        #expect(throws: StatisticsError.notFinite(index: 1)) {
            try RealityCheck.test(differences: [[1, .nan]])
        }
        #expect(throws: StatisticsError.resamplesOutOfRange(0)) {
            try RealityCheck.test(differences: [[1, 2]], settings: BootstrapSettings(resamples: 0))
        }
        #expect(try! RealityCheck.test(differences: []) == nil)
        #expect(try! RealityCheck.test(differences: [[1]]) == nil)
    }

    /// Ten candidates with no true difference, 40 independent days, 200 experiments: the
    /// Reality Check rejects at 95 % in about 5 % of them; the best candidate's own paired
    /// bootstrap p-value below 5 % (the naive best-of-10) in about 1 − 0.975¹⁰ ≈ 22 %.
    @Test func withNoTrueDifferenceItRejectsAboutFivePercentAndTheNaiveBestFarMore() throws {
        let experiments = 200
        let candidates = 10
        let days = 40
        var random = SplitMix64(seed: 2026)
        var realityRejections = 0
        var naiveRejections = 0
        for experiment in 0..<experiments {
            let differences = (0..<candidates).map { _ in
                (0..<days).map { _ in BootstrapCalibrationTests.normal(&random) }
            }
            let settings = BootstrapSettings(resamples: 199, blockLength: 1, seed: 100 + UInt64(experiment))
            let result = try #require(try RealityCheck.test(differences: differences, settings: settings))
            if result.pValue < 0.05 { realityRejections += 1 }
            let best = try PairedBootstrap.compare(
                candidate: differences[result.best], baseline: Array(repeating: 0, count: days), settings: settings)
            if let p = best.pValue, p < 0.05, best.meanDelta > 0 { naiveRejections += 1 }
        }
        let reality = Double(realityRejections) / Double(experiments)
        let naive = Double(naiveRejections) / Double(experiments)
        print("reality check K=\(candidates) n=\(days): rejects \(reality); naive best-of-\(candidates): \(naive)")
        #expect((0.01...0.10).contains(reality))
        #expect(naive >= 0.15)
        #expect(naive >= 2 * reality)
    }
}
