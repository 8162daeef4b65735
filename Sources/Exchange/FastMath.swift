import Market

/// `a × b / c` with the rounding of `FixedPointMath.mulDiv`, computed in 64 bits when the product
/// fits (the common case for notionals, fees and margins) and with the 128-bit kernel otherwise.
enum FastMath {
    @inline(__always) static func mulDiv(_ a: Int64, _ b: Int64, _ c: Int64, _ direction: RoundingDirection) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow, c > 0 else { return FixedPointMath.mulDiv(a, b, c, direction) }
        let quotient = product / c
        let remainder = product % c
        if remainder == 0 { return quotient }
        switch direction {
        case .towardZero:
            return quotient
        case .down:
            return product < 0 ? quotient - 1 : quotient
        case .up:
            return product > 0 ? quotient + 1 : quotient
        case .nearest:
            if remainder.magnitude >= c.magnitude - remainder.magnitude {
                return product > 0 ? quotient + 1 : quotient - 1
            }
            return quotient
        }
    }

    /// `a × b / 10⁸` (a product of two fixed-point values): the divisor is a literal, so the 64-bit
    /// path compiles to a multiply and shift instead of a division.
    @inline(__always) static func mulScaled(_ a: Int64, _ b: Int64, _ direction: RoundingDirection) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { return FixedPointMath.mulDiv(a, b, 100_000_000, direction) }
        let quotient = product / 100_000_000
        let remainder = product % 100_000_000
        if remainder == 0 { return quotient }
        switch direction {
        case .towardZero:
            return quotient
        case .down:
            return product < 0 ? quotient - 1 : quotient
        case .up:
            return product > 0 ? quotient + 1 : quotient
        case .nearest:
            if remainder.magnitude >= 50_000_000 { return product > 0 ? quotient + 1 : quotient - 1 }
            return quotient
        }
    }
}
