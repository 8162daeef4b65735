import Testing

@testable import Reports

@Suite struct NumberTextTests {
    @Test(arguments: [
        (0.3, "0.3"), (0.1 + 0.2, "0.30000000000000004"), (5.0, "5"), (-12.25, "-12.25"), (1e-5, "0.00001"),
        (1.5e-7, "0.00000015"), (1e16, "10000000000000000"), (123_456.789, "123456.789"), (100.0, "100"),
        (-0.0, "0"), (66.66666666666667, "66.66666666666667"), (2.5e20, "250000000000000000000"),
    ])
    func realPrintsShortestDigitsWithoutExponent(value: Double, text: String) {
        #expect(NumberText.real(value) == text)
    }

    @Test func nonFiniteIsNull() {
        #expect(NumberText.real(.nan) == nil)
        #expect(NumberText.real(.infinity) == nil)
    }

    @Test(arguments: [
        (Int64(30_000_000), "0.3"), (-1, "-0.00000001"), (0, "0"), (1_234_567_890_123_456_789, "12345678901.23456789"),
    ])
    func exactPrintsTheDecimalOfE8(e8: Int64, text: String) {
        #expect(NumberText.exact(e8: e8) == text)
    }

    @Test func jsonStringsEscapeControlCharacters() {
        #expect(NumberText.jsonString("a\"b\\c\nd\re\tf\u{1}") == #""a\"b\\c\nd\re\tf\u0001""#)
        #expect(NumberText.jsonString("µ→") == "\"µ→\"")
    }
}
