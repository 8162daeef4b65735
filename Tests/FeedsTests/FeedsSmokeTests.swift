import Testing

@Suite struct FeedsSmokeTests {
    @Test func placeholder() { #expect(Bool(true)) }
}
