/// Bad input to a statistics function: what is wrong, with the offending value in parentheses.
///
/// The functions in this module never trap: every input they cannot use (series of different
/// lengths, a value that is not finite, a resample count or block length out of range) gives one
/// of these errors instead.
public enum StatisticsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The two series of a paired comparison differ in length (the counts, first then second).
    case lengthMismatch(first: Int, second: Int)
    /// A value is NaN or infinite (its index in the series).
    case notFinite(index: Int)
    /// The resample count is outside `BootstrapSettings.resampleRange`.
    case resamplesOutOfRange(Int)
    /// The block length is outside `BootstrapSettings.blockLengthRange` (in days).
    case blockLengthOutOfRange(Int)
    /// The confidence level is not strictly between 0 and 1.
    case confidenceOutOfRange(Double)

    public var description: String {
        switch self {
        case .lengthMismatch(let first, let second):
            "the two series must cover the same days (\(first) and \(second) values)"
        case .notFinite(let index):
            "a value is not a finite number (index \(index))"
        case .resamplesOutOfRange(let count):
            "resamples must be from \(BootstrapSettings.resampleRange.lowerBound) to "
                + "\(BootstrapSettings.resampleRange.upperBound) (\(count))"
        case .blockLengthOutOfRange(let days):
            "the block length must be from \(BootstrapSettings.blockLengthRange.lowerBound) to "
                + "\(BootstrapSettings.blockLengthRange.upperBound) days (\(days))"
        case .confidenceOutOfRange(let level):
            "the confidence level must be between 0 and 1 exclusive (\(level))"
        }
    }
}
