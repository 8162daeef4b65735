import Market
import Testing

@testable import Results

@Suite struct DecimalTextTests {
    @Test(arguments: [0, 1, -1, 100_000_000, -100_000_000, 1_250_000_000, 123_456_789, 10, 12_345_678_900, .max, .min])
    func fixedIsTheShortestExactDecimal(_ raw: Int64) {
        var buffer = [UInt8](repeating: 0, count: DecimalText.maxLength)
        let count = buffer.withUnsafeMutableBufferPointer { DecimalText.fixed(raw, to: $0.baseAddress!) }
        #expect(String(decoding: buffer[..<count], as: UTF8.self) == Money(raw: raw).description)
    }

    @Test(arguments: [0, 7, -7, 10, 99, 100, 1_234_567_890, .max, .min] as [Int64])
    func integerIsItsDecimalText(_ value: Int64) {
        var buffer = [UInt8](repeating: 0, count: DecimalText.maxLength)
        let count = buffer.withUnsafeMutableBufferPointer { DecimalText.integer(value, to: $0.baseAddress!) }
        #expect(String(decoding: buffer[..<count], as: UTF8.self) == String(value))
    }
}
