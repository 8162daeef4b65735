import Market
import Testing

@Suite struct UTF8ValidationTests {
    @Test(
        arguments: [
            ("plain ascii text, long enough for words", nil),
            ("naïve café – ok ✓ 𝄞", nil),
        ] as [(String, Int?)])
    func acceptsValidText(text: String, expected: Int?) {
        var copy = text
        let result = copy.withUTF8 { UTF8Validation.firstInvalidOffset(UnsafeRawBufferPointer($0)) }
        #expect(result == expected)
    }

    @Test(
        arguments: [
            ([0x61, 0x62, 0xFF], 2),
            ([0xC3], 0),
            ([0x61, 0xE2, 0x82], 1),
            ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
            ([0xC0, 0xAF], 0),  // overlong
            ([0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x80], 9),
        ] as [([UInt8], Int)])
    func findsTheFirstInvalidByte(bytes: [UInt8], offset: Int) {
        let result = bytes.withUnsafeBytes { UTF8Validation.firstInvalidOffset($0) }
        #expect(result == offset)
    }

    @Test func sequenceEndStepsOverOneValidSequence() {
        let bytes: [UInt8] = [0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9D, 0x84, 0x9E, 0xF4, 0x90, 0x80, 0x80]
        bytes.withUnsafeBytes { buffer in
            #expect(UTF8Validation.sequenceEnd(buffer, at: 0) == 2)
            #expect(UTF8Validation.sequenceEnd(buffer, at: 2) == 5)
            #expect(UTF8Validation.sequenceEnd(buffer, at: 5) == 9)
            #expect(UTF8Validation.sequenceEnd(buffer, at: 9) == nil)  // above U+10FFFF
            #expect(UTF8Validation.sequenceEnd(UnsafeRawBufferPointer(rebasing: buffer[0..<4]), at: 2) == nil)
        }
    }
}
