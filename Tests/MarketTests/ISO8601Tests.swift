import Market
import Testing

@Suite struct ISO8601Tests {
    @Test(arguments: [
        (Int64(1_769_904_000_000), "2026-02-01T00:00:00.000Z"), (1_769_990_399_999, "2026-02-01T23:59:59.999Z"),
        (0, "1970-01-01T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z"),
        (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"), (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (253_402_300_800_000, "10000-01-01T00:00:00.000Z"), (-62_167_219_200_001, "-1-12-31T23:59:59.999Z"),
    ])
    func formatsUTCWithMilliseconds(ms: Int64, text: String) {
        #expect(ISO8601.string(Timestamp(milliseconds: ms)) == text)
        var bytes: [UInt8] = [0x2C]
        Timestamp(milliseconds: ms).appendISO8601(to: &bytes)
        #expect(bytes == [0x2C] + Array(text.utf8))
    }

    @Test func theDayCacheServesOneDayAndRefillsOnTheNext() {
        var cache = ISO8601.DayCache()
        var texts: [String] = []
        for ms: Int64 in [1_769_904_000_000, 1_769_990_399_999, 1_769_990_400_000, 5, 1_769_904_000_001] {
            var bytes: [UInt8] = []
            ISO8601.append(Timestamp(milliseconds: ms), to: &bytes, cache: &cache)
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(
            texts == [
                "2026-02-01T00:00:00.000Z", "2026-02-01T23:59:59.999Z", "2026-02-02T00:00:00.000Z",
                "1970-01-01T00:00:00.005Z", "2026-02-01T00:00:00.001Z",
            ])
    }

    /// One cache through days in and out of years 0…9999, repeated times and the extremes:
    /// the text is always `Timestamp.iso8601`'s.
    @Test func oneCacheWritesWhatTimestampPrints() {
        let milliseconds: [Int64] = [
            0, 0, 1, 86_399_999, 86_400_000, -1, -86_400_000, -86_400_001, 1_769_904_000_123, 1_769_904_000_123,
            -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
            8_640_000_000_000_000, -8_640_000_000_000_000, 1_769_904_000_123,
        ]
        var cache = ISO8601.DayCache()
        var buffer = [UInt8](repeating: 0, count: ISO8601.maxLength)
        for ms in milliseconds {
            let time = Timestamp(milliseconds: ms)
            let count = buffer.withUnsafeMutableBufferPointer {
                ISO8601.write(time, to: $0.baseAddress!, cache: &cache)
            }
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == time.iso8601, "\(ms)")
        }
    }

    @Test(arguments: [
        ("2026-02-01 00:00:00", Int64?(1_769_904_000_000)), ("2026-02-01T03:04:05", 1_769_915_045_000),
        ("2026-02-01 23:59:59", 1_769_990_399_000), ("2026-02-01 24:00:00", nil), ("2026-02-01 00:60:00", nil),
        ("2026-02-01X00:00:00", nil), ("2026-02-01 00-00:00", nil), ("2026-02-30 00:00:00", nil),
        ("2026/02/01 00:00:00", nil), ("2026-02-01 0a:00:00", nil),
    ])
    func parsesTheFixedDateTimeForm(text: String, ms: Int64?) {
        var cache = ISO8601.DayCache()
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { ISO8601.parseDateTime($0.baseAddress!, cache: &cache) } == ms)
        if let ms {
            #expect(ISO8601.timestamp(text) == Timestamp(milliseconds: ms))
        }
    }

    @Test func theParserAndTheFormatterShareTheCache() {
        var cache = ISO8601.DayCache()
        var bytes: [UInt8] = []
        ISO8601.append(Timestamp(milliseconds: 1_769_904_000_000), to: &bytes, cache: &cache)
        let rows = ["2026-02-01 10:00:00", "2026-02-01 11:00:00", "2026-02-02 00:00:01", "2026-02-01 00:00:00"]
        let parsed = rows.map { row in
            Array(row.utf8).withUnsafeBufferPointer { ISO8601.parseDateTime($0.baseAddress!, cache: &cache) }
        }
        #expect(parsed == [1_769_940_000_000, 1_769_943_600_000, 1_769_990_401_000, 1_769_904_000_000])
    }

    @Test func keepsTheOffsetAndTheMicroseconds() throws {
        let instant = try #require(
            ISO8601.parse(UnsafeRawBufferPointer(staticString: "2024-01-01T14:00:00.123456+02:00")))
        #expect(instant.microseconds == 1_704_110_400_123_456)
        #expect(instant.utcOffsetSeconds == 7200)
        #expect(instant.timestamp == Timestamp(milliseconds: 1_704_110_400_123))
    }
}

extension UnsafeRawBufferPointer {
    init(staticString: StaticString) {
        self.init(start: staticString.utf8Start, count: staticString.utf8CodeUnitCount)
    }
}
