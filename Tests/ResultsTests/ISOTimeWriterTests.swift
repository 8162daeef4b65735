import Market
import Testing

@testable import Results

@Suite struct ISOTimeWriterTests {
    /// The fast path, the cached day and time, and the general formatter all give
    /// `Timestamp.iso8601`'s text.
    @Test func writesWhatTimestampPrints() {
        let milliseconds: [Int64] = [
            0, 0, 1, 86_399_999, 86_400_000, -1, -86_400_000, -86_400_001, 1_769_904_000_123, 1_769_904_000_123,
            -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
            8_640_000_000_000_000, -8_640_000_000_000_000,
        ]
        var writer = ISOTimeWriter()
        var buffer = [UInt8](repeating: 0, count: ISOTimeWriter.maxLength)
        for ms in milliseconds {
            let time = Timestamp(milliseconds: ms)
            let count = buffer.withUnsafeMutableBufferPointer { writer.write(time, to: $0.baseAddress!) }
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == time.iso8601, "\(ms)")
        }
    }
}
