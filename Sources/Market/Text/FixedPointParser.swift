/// Parses decimal text into a raw fixed-point value (units of 10⁻⁸) without going through
/// floating point.
public enum FixedPointParser {
    /// Parses `[+-]digits[.digits][(e|E)[+-]digits]`. At most 8 significant fractional digits
    /// after applying the exponent (further digits must be zeros). Returns nil on anything else
    /// or when the value is outside the `Int64` range at scale 10⁻⁸.
    @inlinable public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        parse(bytes, rounding: nil)
    }

    /// Parses like `parse(_:)`, but when the text has more than 8 significant fractional digits
    /// (`0.30000000000000004` from a float printed by Python) the value is rounded in
    /// `rounding` instead of rejected. With `rounding == nil` such text is rejected.
    @inlinable public static func parse(_ bytes: UnsafeRawBufferPointer, rounding: RoundingDirection?) -> Int64? {
        let count = bytes.count
        if count == 0 { return nil }
        var index = 0
        var negative = false
        let first = bytes[0]
        if first == UInt8(ascii: "-") {
            negative = true
            index = 1
        } else if first == UInt8(ascii: "+") {
            index = 1
        }
        var mantissa: UInt64 = 0
        var full = false  // mantissa cannot take another digit
        var fractionDigits = 0
        var sawDigit = false
        var sawPoint = false
        var droppedNonZero = false
        var exponent = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                sawDigit = true
                let digit = UInt64(byte &- 0x30)
                if !full && mantissa <= (UInt64.max - 9) / 10 {
                    mantissa = mantissa &* 10 &+ digit
                    if sawPoint { fractionDigits += 1 }
                } else {
                    full = true
                    // Integer digits beyond this overflow; fraction digits must be zeros.
                    if !sawPoint { return nil }
                    if digit != 0 { droppedNonZero = true }
                }
            } else if byte == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard sawDigit else { return nil }
                index += 1
                guard index < count else { return nil }
                var expNegative = false
                if bytes[index] == UInt8(ascii: "-") {
                    expNegative = true
                    index += 1
                } else if bytes[index] == UInt8(ascii: "+") {
                    index += 1
                }
                guard index < count else { return nil }
                var value = 0
                while index < count {
                    let b = bytes[index]
                    guard b >= 0x30 && b <= 0x39, value < 1000 else { return nil }
                    value = value * 10 + Int(b &- 0x30)
                    index += 1
                }
                exponent = expNegative ? -value : value
                break
            } else {
                return nil
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if droppedNonZero && rounding == nil { return nil }
        // value = mantissa × 10^(exponent − fractionDigits); raw = value × 10^8.
        var shift = exponent - fractionDigits + fixedPointScaleDigits
        var result = mantissa
        if shift < 0 {
            // Dividing: the digits dropped must be zero unless rounding is allowed.
            var remainderNonZero = droppedNonZero
            var half = 0  // 0: below half, 1: exactly half so far, 2: above half
            var first = true
            while shift < 0 {
                let digit = result % 10
                result /= 10
                shift += 1
                if first {
                    half = digit > 5 ? 2 : (digit == 5 ? 1 : 0)
                    first = false
                } else {
                    // Lower digits were seen before; a new most-significant dropped digit decides.
                    let lowerNonZero = remainderNonZero
                    half = digit > 5 ? 2 : (digit == 5 ? (lowerNonZero ? 2 : 1) : 0)
                }
                if digit != 0 { remainderNonZero = true }
                if result == 0 && shift < 0 {
                    // Everything left is zero: the value is below 10^-8 × 0.1.
                    half = 0
                    shift = 0
                }
            }
            if half == 1 && droppedNonZero { half = 2 }
            if remainderNonZero {
                guard let direction = rounding else { return nil }
                let awayFromZero: Bool
                switch direction {
                case .towardZero: awayFromZero = false
                case .down: awayFromZero = negative
                case .up: awayFromZero = !negative
                case .nearest: awayFromZero = half >= 1
                }
                if awayFromZero { result += 1 }
            }
        } else {
            while shift > 0 {
                if result == 0 { break }
                let (product, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = product
                shift -= 1
            }
            if droppedNonZero, let direction = rounding {
                // Digits beyond 19 significant ones were cut: round them.
                switch direction {
                case .up where !negative, .down where negative: result += 1
                default: break
                }
            }
        }
        if negative {
            guard result <= UInt64(Int64.max) + 1 else { return nil }
            return result == UInt64(Int64.max) + 1 ? Int64.min : -Int64(result)
        }
        guard result <= UInt64(Int64.max) else { return nil }
        return Int64(result)
    }

    /// Parses a `String` (convenience over `parse(_:)`).
    public static func parse(_ text: String, rounding: RoundingDirection? = nil) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0), rounding: rounding) }
    }
}
