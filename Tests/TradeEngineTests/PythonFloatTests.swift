import Testing
import TradeEngine

@Suite struct PythonFloatTests {
    @Test(arguments: [
        (0.125, 2, "0.12"), (0.375, 2, "0.38"), (0.015, 2, "0.01"), (2.675, 2, "2.67"), (1.005, 2, "1.00"),
        (0.005, 2, "0.01"), (0.7, 2, "0.70"), (10.0, 2, "10.00"), (3.25, 2, "3.25"), (2.5, 0, "2"), (3.5, 0, "4"),
        (0.5, 0, "0"), (1.5, 0, "2"), (299.9995, 0, "300"), (120.4, 0, "120"), (-0.4, 0, "-0"), (0.0, 0, "0"),
        (9.995, 2, "9.99"), (0.0, 2, "0.00"),
    ])
    func fixedRoundsTheBinaryValueHalfToEven(value: Double, decimals: Int, text: String) {
        #expect(PythonFloat.fixed(value, decimals: decimals) == text)
    }
}
