import Testing

@Suite struct BacktestSmokeTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
