/// Integer kernels behind the fixed-point types: rounding to a grid and `a × b / c` (in 64 bits
/// when the product fits, else with a 128-bit intermediate). Everything traps on overflow of the
/// final `Int64`.
public enum FixedPointMath {
    /// 10⁰ … 10¹⁸.
    public static let pow10: [Int64] = {
        var values: [Int64] = [1]
        for _ in 1...18 { values.append(values.last! * 10) }
        return values
    }()

    /// Rounds `value` to a multiple of `grid` (> 0). Where the multiple in `direction` lies
    /// outside `Int64` (a value within one grid step of either end), the multiple toward zero is
    /// the answer: the nearest one that exists. Never traps.
    @inlinable public static func roundToMultiple(
        _ value: Int64, _ grid: Int64, _ direction: RoundingDirection
    )
        -> Int64
    {
        roundToMultipleReportingOverflow(value, grid, direction) ?? value - value % grid
    }

    /// Divides a 128-bit signed dividend by a positive or negative `Int64`, rounding.
    @inlinable static func divide(
        high: Int64, low: UInt64, by divisor: Int64, _ direction: RoundingDirection
    ) -> Int64 {
        precondition(divisor != 0, "division by zero")
        let negativeDividend = high < 0
        // Magnitude of the 128-bit dividend.
        var magHigh = UInt64(bitPattern: high)
        var magLow = low
        if negativeDividend {
            magLow = ~magLow &+ 1
            magHigh = ~magHigh &+ (magLow == 0 ? 1 : 0)
        }
        let magDivisor = divisor.magnitude
        precondition(magHigh < magDivisor, "fixed-point overflow")
        let (quotient, remainder) = magDivisor.dividingFullWidth((high: magHigh, low: magLow))
        let negative = negativeDividend != (divisor < 0)
        var q = quotient
        if remainder != 0 {
            let roundAway: Bool
            switch direction {
            case .towardZero: roundAway = false
            case .down: roundAway = negative
            case .up: roundAway = !negative
            case .nearest: roundAway = remainder >= magDivisor - remainder
            }
            if roundAway { q += 1 }
        }
        precondition(q <= UInt64(Int64.max) + (negative ? 1 : 0), "fixed-point overflow")
        return negative ? Int64(truncatingIfNeeded: 0 &- q) : Int64(q)
    }

    /// `a × b / c`, rounded in `direction`: in 64 bits when the product fits and `c > 0` (the
    /// common case for notionals, fees and margins), else with a 128-bit intermediate.
    @inlinable @inline(__always)
    public static func mulDiv(_ a: Int64, _ b: Int64, _ c: Int64, _ direction: RoundingDirection) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, c > 0 else { return wideMulDiv(a, b, c, direction) }
        return roundQuotient(product, by: c, direction)
    }

    /// `a × b / 10⁸` (the product of two fixed-point values), rounded in `direction`. The
    /// divisor is a constant, so the 64-bit path compiles to a multiply and shift.
    @inlinable @inline(__always)
    public static func mulScaled(_ a: Int64, _ b: Int64, _ direction: RoundingDirection) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { return wideMulDiv(a, b, 100_000_000, direction) }
        return roundQuotient(product, by: 100_000_000, direction)
    }

    /// `value / divisor` (divisor > 0) rounded in `direction`.
    @inlinable @inline(__always)
    static func roundQuotient(_ value: Int64, by divisor: Int64, _ direction: RoundingDirection) -> Int64 {
        let quotient = value / divisor
        let remainder = value % divisor
        if remainder == 0 { return quotient }
        switch direction {
        case .towardZero:
            return quotient
        case .down:
            return value < 0 ? quotient - 1 : quotient
        case .up:
            return value > 0 ? quotient + 1 : quotient
        case .nearest:
            if remainder.magnitude >= divisor.magnitude - remainder.magnitude {
                return value > 0 ? quotient + 1 : quotient - 1
            }
            return quotient
        }
    }

    /// `a × b / c` with a 128-bit intermediate.
    @usableFromInline @inline(never)
    static func wideMulDiv(_ a: Int64, _ b: Int64, _ c: Int64, _ direction: RoundingDirection) -> Int64 {
        let product = a.multipliedFullWidth(by: b)
        return divide(high: product.high, low: product.low, by: c, direction)
    }

    /// `a × b / 10⁸`, or nil when the result does not fit an `Int64`: `mulScaled` for values
    /// that come from inputs. The same 64-bit fast path, so results are identical where both fit.
    @inlinable @inline(__always)
    public static func mulScaledReportingOverflow(_ a: Int64, _ b: Int64, _ direction: RoundingDirection) -> Int64? {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { return mulDivReportingOverflow(a, b, 100_000_000, direction) }
        return roundQuotient(product, by: 100_000_000, direction)
    }

    /// `roundToMultiple`, or nil when the multiple in `direction` lies outside `Int64`.
    @inlinable public static func roundToMultipleReportingOverflow(
        _ value: Int64, _ grid: Int64, _ direction: RoundingDirection
    ) -> Int64? {
        let remainder = value % grid
        if remainder == 0 { return value }
        let truncated = value - remainder
        let away: Bool
        switch direction {
        case .towardZero: away = false
        case .down: away = remainder < 0
        case .up: away = remainder > 0
        case .nearest: away = remainder.magnitude * 2 >= grid.magnitude
        }
        guard away else { return truncated }
        let (result, overflow) =
            remainder > 0 ? truncated.addingReportingOverflow(grid) : truncated.subtractingReportingOverflow(grid)
        return overflow ? nil : result
    }

    /// `a × b / c`, or nil when the result does not fit an `Int64` or c is zero.
    @inlinable public static func mulDivReportingOverflow(
        _ a: Int64, _ b: Int64, _ c: Int64, _ direction: RoundingDirection
    )
        -> Int64?
    {
        guard c != 0 else { return nil }
        let product = a.multipliedFullWidth(by: b)
        // Check |high| against |c| before dividing.
        let negative = product.high < 0
        var magHigh = UInt64(bitPattern: product.high)
        var magLow = product.low
        if negative {
            magLow = ~magLow &+ 1
            magHigh = ~magHigh &+ (magLow == 0 ? 1 : 0)
        }
        guard magHigh < c.magnitude else { return nil }
        let (q, _) = c.magnitude.dividingFullWidth((high: magHigh, low: magLow))
        guard q < UInt64(Int64.max) else { return nil }
        return divide(high: product.high, low: product.low, by: c, direction)
    }
}
