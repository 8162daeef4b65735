import Market
import Testing
import TradeEngine

@Suite struct SignalTimeTests {
    @Test(arguments: [
        ("2026-06-10T14:15:00.123456+00:00", "2026-06-10T14:15:00.123456+00:00", Int64(1_781_100_900_123_456)),
        ("2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00+00:00", 1_704_067_200_000_000),
        ("2024-01-01T00:00:00Z", "2024-01-01T00:00:00+00:00", 1_704_067_200_000_000),
        ("2024-01-01T12:00:00", "2024-01-01T12:00:00+00:00", 1_704_110_400_000_000),
        ("2024-01-01 12:00", "2024-01-01T12:00:00+00:00", 1_704_110_400_000_000),
        ("2024-01-01", "2024-01-01T00:00:00+00:00", 1_704_067_200_000_000),
        ("2024-01-01T14:00:00+02:00", "2024-01-01T14:00:00+02:00", 1_704_110_400_000_000),
        ("2024-01-01T10:30:00-0130", "2024-01-01T10:30:00-01:30", 1_704_110_400_000_000),
        ("2024-01-01T12:00:00.1234567Z", "2024-01-01T12:00:00.123456+00:00", 1_704_110_400_123_456),
        ("2024-01-01T12:00:00.5", "2024-01-01T12:00:00.500000+00:00", 1_704_110_400_500_000),
        ("20240101T120000Z", "2024-01-01T12:00:00+00:00", 1_704_110_400_000_000),
        ("2024-01-01T12", "2024-01-01T12:00:00+00:00", 1_704_110_400_000_000),
        ("2024-02-29T23:59:59,25+05:30:15", "2024-02-29T23:59:59.250000+05:30:15", 1_709_231_384_250_000),
    ])
    func parsesLikePythonFromisoformat(text: String, isoformat: String, micros: Int64) throws {
        let time = try #require(SignalTime(iso8601: text))
        #expect(time.microseconds == micros)
        #expect(time.isoformat == isoformat)
    }

    @Test(arguments: [
        "2024-13-01", "2024-02-30", "2024-01-01T24:00:00", "2024-01-01T12:00:60", "yesterday", "2024-01-01T",
        "2024-1-1", "2024-01-01T12:00:00+24:00", "2024-01-01T12:00:00.", "2024-01-01T12:00:00 UTC",
        "0000-01-01", "2024-01-01X12:00", "2024-W01-1", "",
    ])
    func rejectsWhatPythonRejects(text: String) {
        #expect(SignalTime(iso8601: text) == nil)
    }

    @Test func keysFollowTheLocalISOText() throws {
        let utc = try #require(SignalTime(iso8601: "2024-01-01T12:00:00.900Z"))
        let same = try #require(SignalTime(iso8601: "2024-01-01T12:00:00.100+00:00"))
        let offset = try #require(SignalTime(iso8601: "2024-01-01T14:00:00.900+02:00"))
        #expect(utc.localSecond == same.localSecond)  // isoformat()[:19] equal
        #expect(utc.microseconds == offset.microseconds)  // the same instant…
        #expect(utc != offset)  // …but a different ISO text
        #expect(utc.localSecond != offset.localSecond)
        #expect(utc.timestamp == Timestamp(milliseconds: 1_704_110_400_900))
    }

    @Test func epochSecondsFollowTheLiveRangeAndRounding() {
        #expect(SignalTime.fromEpochSeconds(Int64(946_684_800))?.isoformat == "2000-01-01T00:00:00+00:00")
        #expect(SignalTime.fromEpochSeconds(Int64(4_102_444_800))?.isoformat == "2100-01-01T00:00:00+00:00")
        #expect(SignalTime.fromEpochSeconds(Int64(946_684_799)) == nil)
        #expect(SignalTime.fromEpochSeconds(Int64(4_102_444_801)) == nil)
        #expect(SignalTime.fromEpochSeconds(1_700_000_000.25)?.microseconds == 1_700_000_000_250_000)
        // The fraction × 10⁶ is exactly x.5 here: Python rounds half to even.
        #expect(SignalTime.fromEpochSeconds(1_700_000_000.0078125)?.microseconds == 1_700_000_000_007_812)
        #expect(SignalTime.fromEpochSeconds(1_700_000_000.0234375)?.microseconds == 1_700_000_000_023_438)
        #expect(SignalTime.fromEpochSeconds(4_102_444_800.5) == nil)
        #expect(SignalTime.fromEpochSeconds(Double.nan) == nil)
    }
}
