import Market
import Testing

@Suite struct FixedPointMathTests {
    static let directions: [RoundingDirection] = [.down, .up, .nearest, .towardZero]

    /// Operands around the 64-bit product boundary, of both signs.
    static let operands: [Int64] = [
        0, 1, -1, 7, -7, 99_999_999, 100_000_000, 150_000_001, -250_000_000, 3_037_000_499, 3_037_000_500,
        -3_037_000_500, 6_000_000_000_000, -9_000_000_000_000_000, 1 << 40, Int64.max / 3,
    ]

    @Test func theFastPathRoundsAsTheWideKernel() throws {
        let divisors: [Int64] = [1, 3, 7, 10, 100_000_000, 123_456_789, -3, -100_000_000, Int64.max]
        for a in Self.operands {
            for b in Self.operands {
                for c in divisors {
                    for direction in Self.directions {
                        guard let wide = FixedPointMath.mulDivReportingOverflow(a, b, c, direction) else { continue }
                        #expect(FixedPointMath.mulDiv(a, b, c, direction) == wide, "\(a) × \(b) / \(c) \(direction)")
                    }
                }
            }
        }
    }

    @Test func mulScaledDividesByTheFixedPointOne() {
        for a in Self.operands {
            for b in Self.operands {
                for direction in Self.directions {
                    guard let wide = FixedPointMath.mulDivReportingOverflow(a, b, fixedPointOne, direction) else {
                        continue
                    }
                    #expect(FixedPointMath.mulScaled(a, b, direction) == wide, "\(a) × \(b) \(direction)")
                }
            }
        }
    }
}
