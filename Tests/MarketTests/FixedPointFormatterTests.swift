import Market
import Testing

@Suite struct FixedPointFormatterTests {
    @Test(arguments: [
        (Int64(30_000_000), "0.3"), (-1, "-0.00000001"), (0, "0"), (1_234_567_890_123_456_789, "12345678901.23456789"),
        (100_000_000, "1"), (-50_000_000, "-0.5"), (3_317_300_000, "33.173"), (Int64.max, "92233720368.54775807"),
        (Int64.min, "-92233720368.54775808"), (10, "0.0000001"), (1_000_000_000_000, "10000"),
    ])
    func shortestIsTheExactDecimal(raw: Int64, text: String) {
        #expect(FixedPointFormatter.shortest(raw) == text)
        #expect(Money(raw: raw).description == text)
    }

    @Test(arguments: [
        (Int64(3_317_300_000), 4, "33.1730"), (3_317_300_000, 0, "33"), (100_000, 3, "0.001"), (-1, 8, "-0.00000001"),
        (-1, 2, "-0.00"), (0, 2, "0.00"), (Int64.min, 8, "-92233720368.54775808"),
    ])
    func fixedDecimalsPadOrCut(raw: Int64, decimals: Int, text: String) {
        #expect(FixedPointFormatter.format(raw, decimals: decimals) == text)
    }

    @Test(arguments: [
        (Int64(1234), 2, "12.34"), (5, 3, "0.005"), (-5, 1, "-0.5"), (42, 0, "42"), (0, 0, "0"),
        (1, 18, "0.000000000000000001"), (Int64.max, 18, "9.223372036854775807"),
    ])
    func unitsWithAnImpliedScale(units: Int64, scale: Int, text: String) {
        #expect(FixedPointFormatter.format(units: units, scale: scale) == text)
        var bytes: [UInt8] = [0x7C]
        FixedPointFormatter.append(units: units, scale: scale, to: &bytes)
        #expect(bytes == [0x7C] + Array(text.utf8))
    }

    @Test func integersAndDigits() {
        var buffer = [UInt8](repeating: 0, count: 24)
        for value in [Int64.min, -1, 0, 7, 10, 99, 100, 12_345, Int64.max] {
            let count = buffer.withUnsafeMutableBufferPointer {
                FixedPointFormatter.writeInteger(value, to: $0.baseAddress!)
            }
            #expect(String(decoding: buffer[0..<count], as: UTF8.self) == String(value))
        }
        let count = buffer.withUnsafeMutableBufferPointer {
            FixedPointFormatter.writeInteger(UInt64.max, to: $0.baseAddress!)
        }
        #expect(String(decoding: buffer[0..<count], as: UTF8.self) == String(UInt64.max))
        buffer.withUnsafeMutableBufferPointer { FixedPointFormatter.writeDigits(42, count: 5, to: $0.baseAddress!) }
        #expect(String(decoding: buffer[0..<5], as: UTF8.self) == "00042")
    }

    /// Values of every magnitude and digit pattern: k × 10ⁿ + j for small k, j, both signs.
    static let samples: [Int64] = {
        var values: [Int64] = []
        var power: Int64 = 1
        for _ in 0...17 {
            for k: Int64 in [1, 3, 9, 12, 45, 99] {
                for j: Int64 in [0, 1, 7, 50_000] {
                    let (product, overflow) = k.multipliedReportingOverflow(by: power)
                    guard !overflow, product <= Int64.max - j else { continue }
                    values.append(product + j)
                    values.append(-(product + j))
                }
            }
            power *= 10
        }
        return values
    }()

    @Test func everyValueReadsBackExactly() {
        for raw in Self.samples {
            #expect(FixedPointParser.parse(FixedPointFormatter.shortest(raw)) == raw, "\(raw)")
            #expect(FixedPointParser.parse(FixedPointFormatter.format(raw, decimals: 8)) == raw, "\(raw)")
        }
    }
}
