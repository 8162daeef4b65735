import Statistics
import Testing

/// Holm and Bonferroni against hand-computed adjustments.
@Suite struct MultipleComparisonTests {
    @Test func bonferroniMultipliesByTheFamilySizeAndCapsAtOne() {
        #expect(MultipleComparison.bonferroni([0.01, 0.04, 0.03, 0.005]) == [0.04, 0.16, 0.12, 0.02])
        #expect(MultipleComparison.bonferroni([0.3, 0.5]) == [0.6, 1])
        #expect(MultipleComparison.bonferroni([Double]()) == [])
    }

    /// Sorted: 0.005 × 4 = 0.02, 0.01 × 3 = 0.03, 0.03 × 2 = 0.06, 0.04 × 1 = 0.04 → running
    /// maximum 0.06.
    @Test func holmStepsDownWithARunningMaximum() {
        let adjusted = MultipleComparison.holm([0.01, 0.04, 0.03, 0.005])
        let expected = [0.03, 0.06, 0.06, 0.02]
        for (value, want) in zip(adjusted, expected) { #expect(abs(value - want) < 1e-15) }
        #expect(MultipleComparison.holm([0.9, 0.8]) == [1, 1])
        #expect(MultipleComparison.holm([0.2]) == [0.2])
    }

    @Test func holmIsNeverAboveBonferroni() {
        let pValues = [0.001, 0.2, 0.013, 0.04, 0.5, 0.04, 0.0099]
        for (holm, bonferroni) in zip(MultipleComparison.holm(pValues), MultipleComparison.bonferroni(pValues)) {
            #expect(holm <= bonferroni)
        }
    }

    @Test func missingPValuesStayMissingAndDoNotCount() {
        #expect(MultipleComparison.bonferroni([0.01, nil, 0.02]) == [0.02, nil, 0.04])
        #expect(MultipleComparison.holm([0.01, nil, 0.02]) == [0.02, nil, 0.02])
    }
}
