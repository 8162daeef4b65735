import Market
import Testing

@testable import TradeEngine

/// The decoder's fast paths against the general parsers.
@Suite struct SignalDecoderInternalsTests {
    @Test(arguments: [
        "0", "-0", "1", "45000", "45000.5", "3012.45", "0.72", "0.00000001", "-1.25", "9999999999.99999999",
        "99999999999", "0.123456789", "0.30000000000000004", "1e-05", ".5", "5.", "1.", "-", "", "abc", "1.2.3",
        "92233720368.54775807", "00012.5",
    ])
    func decimalMatchesTheFixedPointParser(text: String) {
        var copy = text
        let fast = copy.withUTF8 { SignalDecoder.decimal(UnsafeRawBufferPointer($0)) }
        #expect(fast == FixedPointParser.parse(text, rounding: .nearest))
    }

    @Test func keyPatternsMatchOnlyTheirKey() {
        for field in SignalField.allCases {
            var name = field.name
            #expect(name.withUTF8 { SignalField.matching(UnsafeRawBufferPointer($0)) } == field)
            var altered = String(field.name.dropLast()) + "X"
            #expect(altered.withUTF8 { SignalField.matching(UnsafeRawBufferPointer($0)) } == nil)
        }
        var unknown = "intent_id"
        #expect(unknown.withUTF8 { SignalField.matching(UnsafeRawBufferPointer($0)) } == nil)
    }

    @Test func expiryQueueOrdersOutOfOrderInsertions() {
        var queue = ExpiryQueue()
        var random = SplitMix64(seed: 9)
        var reference: [ExpiryQueue.Item] = []
        for slot in 0..<5000 {
            let item = ExpiryQueue.Item(microseconds: Int64(slot * 10) - Int64(random.next() % 300), slot: Int32(slot))
            queue.push(item)
            reference.append(item)
            if random.next() % 3 == 0, let top = queue.top {
                let expected = reference.min(by: ExpiryQueue.Item.before)!
                #expect(top.microseconds == expected.microseconds && top.slot == expected.slot)
                queue.pop()
                reference.removeAll { $0.slot == expected.slot }
            }
        }
        #expect(queue.count == reference.count)
    }

    @Test func stringCacheSharesEqualValues() {
        var cache = StringCache()
        var a = "rsi_extreme_reversal_0"
        var b = "rsi_extreme_reversal_0"
        let first = a.withUTF8 { cache.string(UnsafeRawBufferPointer($0)) }
        let second = b.withUTF8 { cache.string(UnsafeRawBufferPointer($0)) }
        #expect(first == second)
        #expect(unsafeBitCast(first, to: (UInt64, UInt64).self) == unsafeBitCast(second, to: (UInt64, UInt64).self))
        var other = "rsi_extreme_reversal_1"
        #expect(other.withUTF8 { cache.string(UnsafeRawBufferPointer($0)) } == "rsi_extreme_reversal_1")
    }
}
