import Testing

@testable import Reports

@Suite struct NumberTextTests {
    @Test func jsonStringsEscapeControlCharacters() {
        #expect(NumberText.jsonString("a\"b\\c\nd\re\tf\u{1}") == #""a\"b\\c\nd\re\tf\u0001""#)
        #expect(NumberText.jsonString("µ→") == "\"µ→\"")
    }
}
