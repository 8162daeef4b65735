/// A dimensionless ratio exact at 10⁻⁸: fee rates (0.0005), funding rates, maintenance-margin
/// ratios, percent-price multipliers (1.05), stop-loss fractions (0.02).
@frozen public struct Rate: FixedPoint {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }

    /// 1.
    public static let one = Rate(raw: fixedPointOne)
}
