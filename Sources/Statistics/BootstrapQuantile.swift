/// Quantiles of a sorted sample, as the bootstrap interval reads them.
public enum BootstrapQuantile {
    /// The `probability` quantile of `sorted` (ascending, not empty) by linear interpolation
    /// between order statistics: position `h = (count − 1) × probability` (Hyndman and Fan's
    /// type 7, the default of R and NumPy). `probability` is clamped to [0, 1].
    public static func quantile(sorted: [Double], _ probability: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let clamped = min(max(probability, 0), 1)
        let position = Double(sorted.count - 1) * clamped
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
