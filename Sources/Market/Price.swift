/// A price in the quote asset (USDT) per unit of the base asset, exact at 10⁻⁸.
@frozen public struct Price: FixedPoint {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}
