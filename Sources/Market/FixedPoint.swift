/// The number of fractional decimal digits every fixed-point value carries: 10⁻⁸, Binance's
/// finest precision for prices, quantities, balances, commissions and rates.
public let fixedPointScaleDigits = 8

/// 10⁸, the raw value of 1 in every fixed-point type.
public let fixedPointOne: Int64 = 100_000_000

/// A direction for rounding a value to a grid (tick, step) or to the fixed-point scale.
public enum RoundingDirection: Sendable, Hashable {
    /// Toward negative infinity (floor).
    case down
    /// Toward positive infinity (ceiling).
    case up
    /// To the nearest grid point; a tie goes away from zero.
    case nearest
    /// Toward zero (truncation).
    case towardZero
}

/// An exact decimal number stored as an `Int64` count of 10⁻⁸ units.
///
/// `Price`, `Quantity`, `Money` and `Rate` share this representation and its parsing, printing,
/// comparison and rounding; they differ in which products and quotients make sense between them
/// (see `FixedPoint+Arithmetic.swift`). Values are parsed from decimal text exactly, never
/// through `Double`; arithmetic traps on overflow (values that large are rejected at parse time);
/// products and quotients use 128-bit intermediates and round in an explicit direction.
public protocol FixedPoint: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The value in units of 10⁻⁸.
    var raw: Int64 { get }
    /// Creates a value from a count of 10⁻⁸ units.
    init(raw: Int64)
}

extension FixedPoint {
    /// Zero.
    @inlinable public static var zero: Self { Self(raw: 0) }

    /// Creates a value from a whole number.
    @inlinable public init(integerLiteral value: Int64) { self.init(raw: value * fixedPointOne) }

    /// Creates a value from a whole number of units.
    @inlinable public init(_ units: Int) { self.init(raw: Int64(units) * fixedPointOne) }

    /// Parses decimal text exactly: an optional sign, digits, an optional fraction of at most
    /// eight significant digits, an optional exponent (`1e-05`). Returns nil for anything else,
    /// including values outside ±92 233 720 368.
    @inlinable public init?(_ text: some StringProtocol) {
        var copy = String(text)
        guard let raw = copy.withUTF8({ FixedPointParser.parse(UnsafeRawBufferPointer($0)) }) else {
            return nil
        }
        self.init(raw: raw)
    }

    /// True when the value is below zero.
    @inlinable public var isNegative: Bool { raw < 0 }
    /// True when the value is above zero.
    @inlinable public var isPositive: Bool { raw > 0 }
    /// True when the value is zero.
    @inlinable public var isZero: Bool { raw == 0 }

    /// The magnitude.
    @inlinable public var magnitude: Self { Self(raw: raw < 0 ? -raw : raw) }

    /// The value as a `Double`, for statistics only (ratios, percentages). Never feed it back.
    @inlinable public var doubleValue: Double { Double(raw) / 1e8 }

    /// The value rounded to the fixed-point scale from a `Double`. For synthetic data and
    /// statistics only; inputs are always parsed from text.
    @inlinable public init(approximating value: Double) {
        self.init(raw: Int64((value * 1e8).rounded()))
    }

    /// `init(approximating:)`, or nil when `value` is not finite or outside the fixed-point range
    /// (values read back from a report database, which a damaged file can hold).
    @inlinable public init?(checkedApproximating value: Double) {
        guard let raw = Int64(exactly: (value * 1e8).rounded()) else { return nil }
        self.init(raw: raw)
    }

    @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.raw < rhs.raw }

    @inlinable public static func + (lhs: Self, rhs: Self) -> Self { Self(raw: lhs.raw + rhs.raw) }
    @inlinable public static func - (lhs: Self, rhs: Self) -> Self { Self(raw: lhs.raw - rhs.raw) }
    @inlinable public static prefix func - (value: Self) -> Self { Self(raw: -value.raw) }
    @inlinable public static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
    @inlinable public static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }

    /// The value times a whole number.
    @inlinable public static func * (lhs: Self, rhs: Int) -> Self { Self(raw: lhs.raw * Int64(rhs)) }

    /// Rounds the value to a multiple of `grid` (a tick or step size) in the given direction.
    /// A zero or negative grid leaves the value unchanged (Binance: a filter component set to
    /// zero is disabled).
    @inlinable public func rounded(toMultipleOf grid: Self, _ direction: RoundingDirection) -> Self {
        guard grid.raw > 0 else { return self }
        return Self(raw: FixedPointMath.roundToMultiple(raw, grid.raw, direction))
    }

    /// True when the value is an exact multiple of `grid` (always true for a zero grid).
    @inlinable public func isMultiple(of grid: Self) -> Bool {
        grid.raw <= 0 || raw % grid.raw == 0
    }

    /// The value rounded to `digits` decimal places (0...8).
    @inlinable public func rounded(decimals digits: Int, _ direction: RoundingDirection) -> Self {
        precondition((0...fixedPointScaleDigits).contains(digits))
        return Self(raw: FixedPointMath.roundToMultiple(raw, FixedPointMath.pow10[8 - digits], direction))
    }

    /// The number of decimal places the value needs (0...8): `0.0010` needs 3.
    @inlinable public var significantDecimals: Int {
        var digits = 8
        var value = raw
        while digits > 0 && value % 10 == 0 {
            value /= 10
            digits -= 1
        }
        return digits
    }

    /// The shortest exact decimal text: `33.173`, `0`, `-0.5`.
    public var description: String { FixedPointFormatter.shortest(raw) }

    /// Exact decimal text with exactly `decimals` fractional digits (0...8), padding with zeros.
    /// Digits beyond `decimals` must be zero; otherwise the shortest exact form is used.
    public func formatted(decimals: Int) -> String {
        FixedPointFormatter.format(raw, decimals: Swift.max(decimals, significantDecimals))
    }

    /// Scales by `numerator / denominator` with a 128-bit intermediate.
    @inlinable public func scaled(
        by numerator: Int64, over denominator: Int64, _ direction: RoundingDirection
    )
        -> Self
    {
        Self(raw: FixedPointMath.mulDiv(raw, numerator, denominator, direction))
    }

    /// `self × fraction / total` for two values of one type (a pro-rata share), exact up to the
    /// final rounding.
    @inlinable public func share<Other: FixedPoint>(
        _ part: Other, of total: Other, _ direction: RoundingDirection
    )
        -> Self
    {
        precondition(total.raw != 0, "share of a zero total")
        return Self(raw: FixedPointMath.mulDiv(raw, part.raw, total.raw, direction))
    }

    /// The smaller of two values.
    @inlinable public static func min(_ a: Self, _ b: Self) -> Self { a.raw <= b.raw ? a : b }
    /// The larger of two values.
    @inlinable public static func max(_ a: Self, _ b: Self) -> Self { a.raw >= b.raw ? a : b }
}
