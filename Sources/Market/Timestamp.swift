/// A point in time: milliseconds since 1970-01-01T00:00:00Z (UTC), the unit of every Binance
/// REST and archive timestamp. Printed as ISO-8601 with milliseconds, `2026-02-01T00:00:00.000Z`.
@frozen public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var milliseconds: Int64

    @inlinable public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Whole seconds since the epoch (floor).
    @inlinable public var seconds: Int64 {
        milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    }

    @inlinable public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The timestamp shifted by a number of milliseconds.
    @inlinable public func adding(milliseconds delta: Int64) -> Timestamp {
        Timestamp(milliseconds: milliseconds + delta)
    }

    /// The timestamp shifted by a number of seconds.
    @inlinable public func adding(seconds delta: Int64) -> Timestamp {
        Timestamp(milliseconds: milliseconds + delta * 1000)
    }

    /// Milliseconds from `other` to `self`.
    @inlinable public func milliseconds(since other: Timestamp) -> Int64 { milliseconds - other.milliseconds }

    /// Midnight UTC of the timestamp's day.
    @inlinable public var startOfDay: Timestamp {
        let day: Int64 = 86_400_000
        let floorDays = milliseconds >= 0 ? milliseconds / day : (milliseconds - day + 1) / day
        return Timestamp(milliseconds: floorDays * day)
    }

    /// Days since 1970-01-01 (floor).
    @inlinable public var dayNumber: Int64 {
        let day: Int64 = 86_400_000
        return milliseconds >= 0 ? milliseconds / day : (milliseconds - day + 1) / day
    }

    /// The UTC calendar fields.
    public var components: CivilTime { CivilTime(self) }

    /// ISO-8601 UTC with milliseconds: `2026-02-01T00:00:00.000Z` (`ISO8601`).
    public var iso8601: String { ISO8601.string(self) }

    public var description: String { iso8601 }

    /// Appends the `iso8601` text to a byte buffer.
    public func appendISO8601(to bytes: inout [UInt8]) {
        var cache = ISO8601.DayCache()
        ISO8601.append(self, to: &bytes, cache: &cache)
    }

    /// Creates a timestamp from UTC calendar fields (month 1...12, day 1...31).
    public init(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
        millisecond: Int = 0
    ) {
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(milliseconds: seconds * 1000 + Int64(millisecond))
    }

    /// Parses ISO-8601 text as `ISO8601` does (Python's `datetime.fromisoformat`):
    /// `2026-02-01`, `2026-02-01T00:00`, `2026-02-01T00:00:00Z`, `2026-06-10T14:15:00.123456+00:00`,
    /// `2024-01-01 12:00:00`. Without a zone the time is UTC; the instant is floored to the
    /// millisecond. Returns nil for anything else.
    public init?(iso8601 text: some StringProtocol) {
        guard let value = ISO8601.timestamp(text) else { return nil }
        self = value
    }
}

/// UTC calendar fields of a `Timestamp` (proleptic Gregorian).
public struct CivilTime: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    /// The calendar fields of `timestamp` in UTC.
    public init(_ timestamp: Timestamp) {
        let ms = timestamp.milliseconds
        let days = timestamp.dayNumber
        let msOfDay = Int(ms - days * 86_400_000)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(m <= 2 ? y + 1 : y)
        month = Int(m)
        day = Int(d)
        hour = msOfDay / 3_600_000
        minute = (msOfDay / 60_000) % 60
        second = (msOfDay / 1000) % 60
        millisecond = msOfDay % 1000
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The number of days in a month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        default: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        }
    }
}
