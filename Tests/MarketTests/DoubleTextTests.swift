import Market
import Testing

@Suite struct DoubleTextTests {
    @Test(arguments: [
        (0.3, "0.3"), (0.1 + 0.2, "0.30000000000000004"), (5.0, "5"), (-12.25, "-12.25"), (1e-5, "0.00001"),
        (1.5e-7, "0.00000015"), (1e16, "10000000000000000"), (123_456.789, "123456.789"), (100.0, "100"),
        (-0.0, "0"), (66.66666666666667, "66.66666666666667"), (2.5e20, "250000000000000000000"),
    ])
    func plainPrintsShortestDigitsWithoutExponent(value: Double, text: String) {
        #expect(DoubleText.plain(value) == text)
    }

    @Test func plainNonFiniteIsNil() {
        #expect(DoubleText.plain(.nan) == nil)
        #expect(DoubleText.plain(.infinity) == nil)
        #expect(DoubleText.plain(-.infinity) == nil)
    }

    @Test(arguments: [
        (0.1 * 0.7, "0.06999999999999999"), (0.02, "0.02"), (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"),
        (1e-05, "1e-05"), (0.0001, "0.0001"), (1e16, "1e+16"), (1234567890123456.0, "1234567890123456.0"),
        (123456789012345678.0, "1.2345678901234568e+17"), (0.5 * 0.8, "0.4"), (-2.5, "-2.5"), (3e-10, "3e-10"),
        (1.5e300, "1.5e+300"), (100.0, "100.0"), (0.1 + 0.2, "0.30000000000000004"), (0.75, "0.75"),
        (0.020000000000000004, "0.020000000000000004"), (123.456, "123.456"), (.nan, "nan"), (.infinity, "inf"),
        (-.infinity, "-inf"), (.leastNonzeroMagnitude, "5e-324"), (-1.7976931348623157e308, "-1.7976931348623157e+308"),
    ])
    func pythonMatchesCPythonRepr(value: Double, text: String) {
        #expect(DoubleText.python(value) == text)
    }

    @Test func bothLayoutsReadBackTheSameValue() throws {
        var values: [Double] = [
            Double.leastNonzeroMagnitude, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 1 / 3, 2 / 3.0,
        ]
        var x = 1.0
        for _ in 0..<60 {
            values.append(x)
            values.append(-x / 7)
            x *= 13.37
        }
        for value in values {
            #expect(Double(try #require(DoubleText.plain(value))) == value)
            #expect(Double(DoubleText.python(value)) == value)
        }
    }
}
