import Market
import Testing

@Suite struct SplitMix64Tests {
    /// The first outputs for seed 0 of the reference implementation (Vigna, splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(random.next() == 0x06C4_5D18_8009_454F)
    }

    @Test func sameSeedSameStream() {
        var a = SplitMix64(seed: 20_240_101)
        var b = SplitMix64(seed: 20_240_101)
        var c = SplitMix64(seed: 20_240_102)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    /// As a `RandomNumberGenerator` it drives the standard library's draws reproducibly.
    @Test func servesTheStandardLibrary() {
        var a = SplitMix64(seed: 7)
        var b = SplitMix64(seed: 7)
        let draws = (0..<50).map { _ in Int.random(in: 0..<1000, using: &a) }
        #expect(draws == (0..<50).map { _ in Int.random(in: 0..<1000, using: &b) })
        #expect(draws.allSatisfy { (0..<1000).contains($0) })
    }
}
