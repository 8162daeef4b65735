// Products and quotients between the fixed-point types. Each rounds once, in the direction the
// caller names; the defaults are the ones Binance's books use (`.nearest` for notionals and
// fees at 10⁻⁸).

extension Price {
    /// The notional `price × quantity`.
    @inlinable public func notional(_ quantity: Quantity, _ direction: RoundingDirection = .nearest) -> Money {
        Money(raw: FixedPointMath.mulScaled(raw, quantity.raw, direction))
    }

    /// The price times a ratio: `entry × (1 − 0.02)` is `entry.scaled(by: Rate.one - sl)`.
    @inlinable public func scaled(by rate: Rate, _ direction: RoundingDirection = .nearest) -> Price {
        Price(raw: FixedPointMath.mulScaled(raw, rate.raw, direction))
    }

    /// `(self − other) / other` as a ratio (a relative distance).
    @inlinable public func relativeDistance(from reference: Price, _ direction: RoundingDirection = .nearest) -> Rate {
        Rate(raw: FixedPointMath.mulDiv(raw - reference.raw, fixedPointOne, reference.raw, direction))
    }
}

extension Quantity {
    /// The notional `quantity × price`.
    @inlinable public func notional(at price: Price, _ direction: RoundingDirection = .nearest) -> Money {
        price.notional(self, direction)
    }
}

extension Money {
    /// The money times a ratio (a fee or funding amount).
    @inlinable public func scaled(by rate: Rate, _ direction: RoundingDirection = .nearest) -> Money {
        Money(raw: FixedPointMath.mulScaled(raw, rate.raw, direction))
    }

    /// The price that makes `quantity × price == self` (an average entry price).
    @inlinable public func price(per quantity: Quantity, _ direction: RoundingDirection = .nearest) -> Price {
        Price(raw: FixedPointMath.mulDiv(raw, fixedPointOne, quantity.raw, direction))
    }

    /// The quantity worth `self` at `price`.
    @inlinable public func quantity(at price: Price, _ direction: RoundingDirection = .down) -> Quantity {
        Quantity(raw: FixedPointMath.mulDiv(raw, fixedPointOne, price.raw, direction))
    }

    /// `self / other` as a ratio.
    @inlinable public func ratio(to other: Money, _ direction: RoundingDirection = .nearest) -> Rate {
        Rate(raw: FixedPointMath.mulDiv(raw, fixedPointOne, other.raw, direction))
    }

    /// Divides by a whole number.
    @inlinable public func divided(by divisor: Int, _ direction: RoundingDirection = .nearest) -> Money {
        Money(raw: FixedPointMath.mulDiv(raw, 1, Int64(divisor), direction))
    }
}

extension Rate {
    /// The product of two ratios.
    @inlinable public func times(_ other: Rate, _ direction: RoundingDirection = .nearest) -> Rate {
        Rate(raw: FixedPointMath.mulScaled(raw, other.raw, direction))
    }

    /// `1 / self`.
    @inlinable public func reciprocal(_ direction: RoundingDirection = .nearest) -> Rate {
        Rate(raw: FixedPointMath.mulDiv(fixedPointOne, fixedPointOne, raw, direction))
    }
}

// Overflow-checked forms for values that come from inputs (signals, filters): nil where the
// unchecked form would trap, the same value everywhere else.

extension FixedPoint {
    /// `self + other`, or nil when the sum is outside the fixed-point range.
    @inlinable public func adding(checked other: Self) -> Self? {
        let (sum, overflow) = raw.addingReportingOverflow(other.raw)
        return overflow ? nil : Self(raw: sum)
    }

    /// `rounded(toMultipleOf:_:)`, or nil when that multiple is outside the fixed-point range.
    @inlinable public func rounded(checkedToMultipleOf grid: Self, _ direction: RoundingDirection) -> Self? {
        guard grid.raw > 0 else { return self }
        return FixedPointMath.roundToMultipleReportingOverflow(raw, grid.raw, direction).map(Self.init(raw:))
    }

    /// `scaled(by:over:_:)`, or nil when the result is outside the fixed-point range.
    @inlinable public func scaled(
        checkedBy numerator: Int64, over denominator: Int64, _ direction: RoundingDirection
    ) -> Self? {
        FixedPointMath.mulDivReportingOverflow(raw, numerator, denominator, direction).map(Self.init(raw:))
    }
}

extension Price {
    /// `notional(_:_:)`, or nil when the notional is outside the fixed-point range.
    @inlinable public func notional(checked quantity: Quantity, _ direction: RoundingDirection = .nearest) -> Money? {
        FixedPointMath.mulScaledReportingOverflow(raw, quantity.raw, direction).map(Money.init(raw:))
    }

    /// `scaled(by:_:)` for a rate, or nil when the price is outside the fixed-point range.
    @inlinable public func scaled(checkedBy rate: Rate, _ direction: RoundingDirection = .nearest) -> Price? {
        FixedPointMath.mulScaledReportingOverflow(raw, rate.raw, direction).map(Price.init(raw:))
    }
}

extension Money {
    /// `quantity(at:_:)`, or nil when the quantity is outside the fixed-point range or the price
    /// is zero.
    @inlinable public func quantity(checkedAt price: Price, _ direction: RoundingDirection = .down) -> Quantity? {
        FixedPointMath.mulDivReportingOverflow(raw, fixedPointOne, price.raw, direction).map(Quantity.init(raw:))
    }

    /// `scaled(by:_:)` for a rate, or nil when the amount is outside the fixed-point range.
    @inlinable public func scaled(checkedBy rate: Rate, _ direction: RoundingDirection = .nearest) -> Money? {
        FixedPointMath.mulScaledReportingOverflow(raw, rate.raw, direction).map(Money.init(raw:))
    }
}
