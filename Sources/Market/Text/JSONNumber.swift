/// A JSON number kept as its exact text (`0.30000000000000004`, `1e-05`, `-0`), so money-like
/// values can be parsed into fixed-point types without going through `Double`.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as written in the document.
    public var text: String

    /// Wraps text that is already a valid JSON number.
    public init(text: String) { self.text = text }

    public var description: String { text }

    /// True when the text has neither a fraction nor an exponent.
    public var isInteger: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The nearest `Double` (what Python's `float()` of the text gives); ±infinity when out of range.
    public var double: Double {
        var copy = text
        return copy.withUTF8 { JSONNumber.parseDouble(UnsafeRawBufferPointer($0)) }
    }

    /// The value as an `Int64` when the text is an integer in range.
    public var int64: Int64? { isInteger ? Int64(text) : nil }

    /// The value as a fixed-point type: exact, or rounded in `rounding` when the text has more
    /// than eight decimals (nil `rounding` rejects such text). Nil when out of range.
    public func fixedPoint<T: FixedPoint>(_ type: T.Type, rounding: RoundingDirection? = nil) -> T? {
        var copy = text
        guard let raw = copy.withUTF8({ FixedPointParser.parse(UnsafeRawBufferPointer($0), rounding: rounding) }) else {
            return nil
        }
        return T(raw: raw)
    }

    /// Powers of ten exactly representable as `Double` (10⁰ … 10²²).
    @usableFromInline static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// Converts number text to the nearest `Double`, correctly rounded like `strtod` and
    /// Python's `float()`. Fast path (Clinger): at most 19 significant digits forming an integer
    /// ≤ 2⁵³ scaled by 10^±22 or less is one exact IEEE operation; anything else goes through the
    /// standard library's correctly rounded parser. Returns nan for text that is not a number.
    public static func parseDouble(_ bytes: UnsafeRawBufferPointer) -> Double {
        let count = bytes.count
        var index = 0
        var negative = false
        if index < count && bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        } else if index < count && bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        var simple = true
        while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            sawDigit = true
            let digit = UInt64(bytes[index] &- 0x30)
            if mantissa != 0 || digit != 0 { digits += 1 }
            if digits <= 19 { mantissa = mantissa &* 10 &+ digit } else { exponent += 1 }
            index += 1
        }
        if index < count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                sawDigit = true
                let digit = UInt64(bytes[index] &- 0x30)
                if mantissa != 0 || digit != 0 { digits += 1 }
                if digits <= 19 {
                    mantissa = mantissa &* 10 &+ digit
                    exponent -= 1
                } else if digit != 0 {
                    simple = false
                }
                index += 1
            }
        }
        guard sawDigit else { return .nan }
        if index < count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            var expNegative = false
            if index < count && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
                expNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var value = 0
            var sawExpDigit = false
            while index < count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                sawExpDigit = true
                if value < 100_000 { value = value * 10 + Int(bytes[index] &- 0x30) }
                index += 1
            }
            guard sawExpDigit else { return .nan }
            exponent += expNegative ? -value : value
        }
        guard index == count else { return .nan }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if simple && digits <= 19 && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            if exponent < 0 {
                value /= exactPowersOfTen[-exponent]
            } else {
                value *= exactPowersOfTen[exponent]
            }
            return negative ? -value : value
        }
        return Double(String(decoding: bytes, as: UTF8.self)) ?? .nan
    }
}
