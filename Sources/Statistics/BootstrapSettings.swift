/// How a paired block bootstrap resamples: how many resamples, how long each block is, which
/// seed drives the draws and which confidence level the interval has.
///
/// The scenario keys `statistics.bootstrap.resamples`, `.block` and `.seed` set the first three;
/// the defaults (2000 resamples, 1-day blocks, seed 1, 95 %) are `BootstrapSettings.default`.
public struct BootstrapSettings: Sendable, Hashable {
    /// The resample counts accepted: at least 1, at most one million (the work is resamples ×
    /// days, kept bounded).
    public static let resampleRange: ClosedRange<Int> = 1...1_000_000
    /// The block lengths accepted, in days.
    public static let blockLengthRange: ClosedRange<Int> = 1...10_000

    /// 2000 resamples, 1-day blocks, seed 1, 95 % confidence.
    public static let `default` = BootstrapSettings()

    /// The number of bootstrap resamples.
    public var resamples: Int
    /// The block length in days. Blocks longer than the series are cut to its length.
    public var blockLength: Int
    /// The seed of the `SplitMix64` generator that draws the block starts.
    public var seed: UInt64
    /// The two-sided confidence level of the interval, strictly between 0 and 1.
    public var confidence: Double

    public init(resamples: Int = 2000, blockLength: Int = 1, seed: UInt64 = 1, confidence: Double = 0.95) {
        self.resamples = resamples
        self.blockLength = blockLength
        self.seed = seed
        self.confidence = confidence
    }

    /// Throws the first setting out of range.
    public func validate() throws(StatisticsError) {
        guard Self.resampleRange.contains(resamples) else { throw .resamplesOutOfRange(resamples) }
        guard Self.blockLengthRange.contains(blockLength) else { throw .blockLengthOutOfRange(blockLength) }
        guard confidence > 0, confidence < 1 else { throw .confidenceOutOfRange(confidence) }
    }
}
