/// An amount of the base asset (contracts of a linear USDⓈ-M perpetual), exact at 10⁻⁸.
@frozen public struct Quantity: FixedPoint {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}
