import Foundation
import Testing

@testable import NATS

@Suite struct RFC3339Tests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2023-11-14T22:13:20.123456789Z", Int64(1_700_000_000_123_456_789)),
        ("2023-11-14T23:13:20.5+01:00", Int64(1_700_000_000_500_000_000)),
        ("2024-02-29T00:00:00Z", Int64(1_709_164_800_000_000_000)),
        ("1969-12-31T23:59:59.9Z", Int64(-100_000_000)),
    ])
    func parsesGoTimestamps(text: String, nanoseconds: Int64) {
        #expect(RFC3339.nanoseconds(from: text) == nanoseconds)
    }

    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(1_700_000_000_123_456_789), "2023-11-14T22:13:20.123456789Z"),
        (Int64(1_709_164_800_500_000_000), "2024-02-29T00:00:00.5Z"),
        (Int64(-100_000_000), "1969-12-31T23:59:59.9Z"),
    ])
    func formatsNanoseconds(nanoseconds: Int64, text: String) {
        #expect(RFC3339.string(fromNanoseconds: nanoseconds) == text)
    }

    @Test(arguments: ["", "2023-11-14", "2023-13-01T00:00:00Z", "2023-11-14T22:13:20", "2023-11-14T22:13:20.Z", "x"])
    func rejectsOtherText(text: String) {
        #expect(RFC3339.nanoseconds(from: text) == nil)
    }

    @Test func datesRoundTripToTheMicrosecond() {
        let date = Date(timeIntervalSince1970: 1_700_000_000.123456)
        #expect(RFC3339.string(from: date) == "2023-11-14T22:13:20.123456Z")
    }
}
