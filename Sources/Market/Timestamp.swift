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

    /// ISO-8601 UTC with milliseconds: `2026-02-01T00:00:00.000Z`.
    public var iso8601: String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(24)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { iso8601 }

    /// Appends `YYYY-MM-DDTHH:MM:SS.mmmZ` to a byte buffer (the fast path for report text).
    public func appendISO8601(to bytes: inout [UInt8]) {
        let c = CivilTime(self)
        func put(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                bytes.append(UInt8(v / divisor) + 0x30)
                v %= divisor
                divisor /= 10
            }
        }
        if c.year < 0 || c.year > 9999 {
            bytes.append(contentsOf: Array(String(c.year).utf8))
        } else {
            put(c.year, 4)
        }
        bytes.append(UInt8(ascii: "-"))
        put(c.month, 2)
        bytes.append(UInt8(ascii: "-"))
        put(c.day, 2)
        bytes.append(UInt8(ascii: "T"))
        put(c.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        put(c.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        put(c.second, 2)
        bytes.append(UInt8(ascii: "."))
        put(c.millisecond, 3)
        bytes.append(UInt8(ascii: "Z"))
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

    /// Parses ISO-8601 text: `2026-02-01`, `2026-02-01T00:00`, `2026-02-01T00:00:00Z`,
    /// `2026-06-10T14:15:00.123456+00:00`, `2024-01-01 12:00:00` (a space separator). Without a
    /// zone the time is UTC. Fractions beyond milliseconds are truncated. Returns nil otherwise.
    public init?(iso8601 text: some StringProtocol) {
        var copy = String(text)
        guard let value = copy.withUTF8({ Timestamp.parseISO8601(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// Byte-level ISO-8601 parser behind `init?(iso8601:)`.
    public static func parseISO8601(_ b: UnsafeRawBufferPointer) -> Timestamp? {
        var i = 0
        let n = b.count
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += count
            return value
        }
        func expect(_ ch: Character) -> Bool {
            guard i < n, b[i] == ch.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2) else {
            return nil
        }
        guard (1...12).contains(month), (1...CivilTime.daysInMonth(year: year, month: month)).contains(day) else {
            return nil
        }
        var hour = 0, minute = 0, second = 0, millis = 0
        var offsetMinutes = 0
        if i < n {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else {
                return nil
            }
            i += 1
            guard let h = digits(2), expect(":"), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if i < n && b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = digits(2) else { return nil }
                second = s
                if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                    i += 1
                    var fractionCount = 0
                    var scale = 100
                    while i < n, b[i] >= 0x30, b[i] <= 0x39 {
                        if scale > 0 {
                            millis += Int(b[i] - 0x30) * scale
                            scale /= 10
                        }
                        fractionCount += 1
                        i += 1
                    }
                    guard fractionCount > 0 else { return nil }
                }
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            if i < n {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    if i < n && b[i] == UInt8(ascii: ":") { i += 1 }
                    if i < n {
                        guard let m = digits(2) else { return nil }
                        om = m
                    }
                    guard oh <= 23, om <= 59 else { return nil }
                    offsetMinutes = sign * (oh * 60 + om)
                } else {
                    return nil
                }
            }
            guard i == n else { return nil }
        }
        let base = Timestamp(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            millisecond: millis)
        return base.adding(milliseconds: -Int64(offsetMinutes) * 60_000)
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
