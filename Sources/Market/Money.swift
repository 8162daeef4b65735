/// An amount of the margin asset (USDT): balances, notionals, PnL, fees, funding; exact at 10⁻⁸.
@frozen public struct Money: FixedPoint {
    public var raw: Int64
    @inlinable public init(raw: Int64) { self.raw = raw }
}
