import Market
import Testing

@testable import TradeEngine

@Suite struct FlatMapTests {
    struct Key: FlatKey {
        var value: Int
        /// A deliberately poor hash: long collision runs exercise probing and deletion.
        var hash64: UInt64 { UInt64(value % 7) }
    }

    @Test func behavesLikeADictionaryUnderRandomInsertsAndRemovals() {
        var map = FlatMap<Key, Int>()
        var reference: [Int: Int] = [:]
        var random = SplitMix64(seed: 42)
        for step in 0..<20_000 {
            let key = Int(random.next() % 300)
            switch random.next() % 3 {
            case 0, 1:
                map.set(step, for: Key(value: key))
                reference[key] = step
            default:
                map.removeValue(for: Key(value: key))
                reference[key] = nil
            }
            if step % 500 == 0 {
                map.removeAll { key, _ in key.value % 11 == 0 }
                reference = reference.filter { $0.key % 11 != 0 }
            }
        }
        #expect(map.count == reference.count)
        for key in 0..<300 {
            #expect(map[Key(value: key)] == reference[key])
        }
    }
}
