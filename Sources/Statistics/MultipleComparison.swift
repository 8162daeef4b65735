/// Adjusted p-values for a family of tests, so that picking the best of many points does not
/// read as more certain than it is.
///
/// Both adjustments control the family-wise error rate (the chance of at least one false
/// difference among all the tests) without assumptions about how the tests depend on each other.
/// Holm is never larger than Bonferroni and rejects at least as much; both are conservative when
/// the tests are strongly correlated (as sweep points often are). `nil` entries (tests without a
/// p-value) stay `nil` and do not count towards the family size.
public enum MultipleComparison {
    /// Bonferroni: each p-value times the number of tests, capped at 1.
    public static func bonferroni(_ pValues: [Double?]) -> [Double?] {
        let tests = Double(pValues.count { $0 != nil })
        return pValues.map { $0.map { min(1, $0 * tests) } }
    }

    /// Holm's step-down procedure (Holm, 1979): sort the `m` p-values ascending, multiply the
    /// `k`-th smallest (from 1) by `m − k + 1`, make the sequence non-decreasing by a running
    /// maximum and cap at 1. Returned in the input order; ties keep their input order.
    public static func holm(_ pValues: [Double?]) -> [Double?] {
        let present = pValues.indices.compactMap { index in pValues[index].map { (index: index, p: $0) } }
        let ordered = present.sorted { $0.p < $1.p || ($0.p == $1.p && $0.index < $1.index) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var runningMax = 0.0
        for (rank, entry) in ordered.enumerated() {
            let scaled = min(1, entry.p * Double(ordered.count - rank))
            runningMax = max(runningMax, scaled)
            adjusted[entry.index] = runningMax
        }
        return adjusted
    }

    /// `bonferroni(_:)` for p-values that are all present.
    public static func bonferroni(_ pValues: [Double]) -> [Double] {
        bonferroni(pValues.map(Optional.some)).map { $0 ?? 1 }
    }

    /// `holm(_:)` for p-values that are all present.
    public static func holm(_ pValues: [Double]) -> [Double] {
        holm(pValues.map(Optional.some)).map { $0 ?? 1 }
    }
}
