public import Market

/// A signal's `timestamp` as the live engine holds it: a timezone-aware Python `datetime` with
/// microsecond precision and the UTC offset it was written with.
///
/// Both parts matter for exact replay: the aggregator keys active signals by
/// `timestamp.isoformat()` (local time, microseconds, offset) and the duplicate gate by its first
/// 19 characters (local time to the second). Comparisons with the simulation clock use the
/// instant. Order: by instant, then by offset (so equal instants written with different offsets
/// are distinct, as their ISO texts are).
public struct SignalTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z: the instant.
    public var microseconds: Int64
    /// The UTC offset the time was written with, in seconds (0 for `Z`, naive times and epoch
    /// numbers, which the live validator makes UTC).
    public var utcOffsetSeconds: Int32

    /// The earliest accepted epoch-seconds timestamp (2000-01-01T00:00:00Z).
    public static let epochSecondsLowerBound: Int64 = 946_684_800
    /// The latest accepted epoch-seconds timestamp (2100-01-01T00:00:00Z).
    public static let epochSecondsUpperBound: Int64 = 4_102_444_800

    public init(microseconds: Int64, utcOffsetSeconds: Int32 = 0) {
        self.microseconds = microseconds
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// A UTC time at a millisecond timestamp.
    public init(_ timestamp: Timestamp) {
        self.init(microseconds: timestamp.milliseconds * 1000)
    }

    /// Parses ISO-8601 text as Python 3.11+ `datetime.fromisoformat` does (see
    /// `parseISO8601(_:)`); nil otherwise.
    public init?(iso8601 text: String) {
        var copy = text
        guard let value = copy.withUTF8({ SignalTime.parseISO8601(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// The instant in milliseconds (floor), the simulation's resolution.
    @inlinable public var timestamp: Timestamp {
        Timestamp(milliseconds: microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000)
    }

    /// Microseconds since the epoch of the local (offset) wall time.
    @inlinable var localMicroseconds: Int64 { microseconds + Int64(utcOffsetSeconds) * 1_000_000 }

    /// The local wall time truncated to the second, as seconds since the epoch: equal exactly
    /// when `isoformat()[:19]` is equal (the duplicate gate's key).
    @inlinable public var localSecond: Int64 {
        let local = localMicroseconds
        return local >= 0 ? local / 1_000_000 : (local - 999_999) / 1_000_000
    }

    public static func < (lhs: SignalTime, rhs: SignalTime) -> Bool {
        (lhs.microseconds, lhs.utcOffsetSeconds) < (rhs.microseconds, rhs.utcOffsetSeconds)
    }

    /// Python's `datetime.isoformat()`: `2026-06-10T14:15:00.123456+00:00`,
    /// `2024-01-01T00:00:00+00:00` (no fraction when the microseconds are zero).
    public var isoformat: String {
        let local = localMicroseconds
        let micros = Int((local % 1_000_000 + 1_000_000) % 1_000_000)
        let civil = CivilTime(Timestamp(milliseconds: (local - Int64(micros)) / 1000))
        var out = ""
        out.reserveCapacity(32)
        func put(_ value: Int, _ width: Int) {
            let digits = String(value)
            out += String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
        }
        put(civil.year, 4)
        out += "-"
        put(civil.month, 2)
        out += "-"
        put(civil.day, 2)
        out += "T"
        put(civil.hour, 2)
        out += ":"
        put(civil.minute, 2)
        out += ":"
        put(civil.second, 2)
        if micros != 0 {
            out += "."
            put(micros, 6)
        }
        let offset = Int(utcOffsetSeconds)
        out += offset < 0 ? "-" : "+"
        let magnitude = offset < 0 ? -offset : offset
        put(magnitude / 3600, 2)
        out += ":"
        put(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 {
            out += ":"
            put(magnitude % 60, 2)
        }
        return out
    }

    public var description: String { isoformat }

    /// The live validator's epoch rule for a number: seconds within
    /// [946 684 800, 4 102 444 800], converted like `datetime.fromtimestamp(v, tz=UTC)` (the
    /// fraction scaled to microseconds and rounded half-to-even). Nil outside the range.
    public static func fromEpochSeconds(_ seconds: Double) -> SignalTime? {
        guard seconds >= Double(epochSecondsLowerBound), seconds <= Double(epochSecondsUpperBound) else { return nil }
        let whole = seconds.rounded(.towardZero)
        var fraction = ((seconds - whole) * 1e6).rounded(.toNearestOrEven)
        var wholeSeconds = Int64(whole)
        if fraction >= 1e6 {
            fraction -= 1e6
            wholeSeconds += 1
        }
        return SignalTime(microseconds: wholeSeconds * 1_000_000 + Int64(fraction))
    }

    /// The epoch rule for an integer number of seconds.
    public static func fromEpochSeconds(_ seconds: Int64) -> SignalTime? {
        guard seconds >= epochSecondsLowerBound, seconds <= epochSecondsUpperBound else { return nil }
        return SignalTime(microseconds: seconds * 1_000_000)
    }

    /// Parses what Python 3.11+ `datetime.fromisoformat` accepts of ISO-8601 calendar dates:
    /// `YYYY-MM-DD` or `YYYYMMDD`, optionally followed by `T`/`t`/space and a time `HH`,
    /// `HH:MM`, `HHMM`, `HH:MM:SS` or `HHMMSS` with an optional fraction (`.` or `,`, any number
    /// of digits, truncated to microseconds) and an optional zone `Z`, `±HH`, `±HH:MM`, `±HHMM`,
    /// `±HH:MM:SS`. No zone means UTC (the live validator attaches UTC to naive times).
    /// ISO week dates are not accepted.
    public static func parseISO8601(_ b: UnsafeRawBufferPointer) -> SignalTime? {
        let n = b.count
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var value = 0
            for k in 0..<count {
                let c = b[i + k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                value = value * 10 + Int(c &- 0x30)
            }
            i += count
            return value
        }
        func isDigit(_ position: Int) -> Bool { position < n && b[position] >= 0x30 && b[position] <= 0x39 }
        guard let year = digits(4), year >= 1 else { return nil }
        let extendedDate = i < n && b[i] == UInt8(ascii: "-")
        if extendedDate { i += 1 }
        guard let month = digits(2) else { return nil }
        if extendedDate {
            guard i < n, b[i] == UInt8(ascii: "-") else { return nil }
            i += 1
        }
        guard let day = digits(2), (1...12).contains(month),
            (1...CivilTime.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var micros = 0
        var offset = 0
        if i < n {
            guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else {
                return nil
            }
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            let extendedTime = i < n && b[i] == UInt8(ascii: ":")
            if extendedTime || isDigit(i) {
                if extendedTime { i += 1 }
                guard let m = digits(2) else { return nil }
                minute = m
                let more = extendedTime ? (i < n && b[i] == UInt8(ascii: ":")) : isDigit(i)
                if more {
                    if extendedTime { i += 1 }
                    guard let s = digits(2) else { return nil }
                    second = s
                    if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
                        i += 1
                        var count = 0
                        while isDigit(i) {
                            if count < 6 { micros = micros * 10 + Int(b[i] &- 0x30) }
                            count += 1
                            i += 1
                        }
                        guard count > 0 else { return nil }
                        for _ in min(count, 6)..<6 { micros *= 10 }
                    }
                }
            }
            guard hour <= 23, minute <= 59, second <= 59 else { return nil }
            if i < n {
                if b[i] == UInt8(ascii: "Z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    var om = 0
                    var os = 0
                    if i < n {
                        let extended = b[i] == UInt8(ascii: ":")
                        if extended { i += 1 }
                        guard let m = digits(2) else { return nil }
                        om = m
                        if i < n {
                            if extended {
                                guard b[i] == UInt8(ascii: ":") else { return nil }
                                i += 1
                            }
                            guard let s = digits(2) else { return nil }
                            os = s
                        }
                    }
                    guard om <= 59, os <= 59 else { return nil }
                    offset = sign * (oh * 3600 + om * 60 + os)
                    guard offset > -86_400 && offset < 86_400 else { return nil }
                } else {
                    return nil
                }
            }
            guard i == n else { return nil }
        }
        let days = CivilTime.daysFromCivil(year: year, month: month, day: day)
        let localSeconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let instant = (localSeconds - Int64(offset)) * 1_000_000 + Int64(micros)
        return SignalTime(microseconds: instant, utcOffsetSeconds: Int32(offset))
    }
}
