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

    /// Parses what Python 3.11+ `datetime.fromisoformat` accepts of ISO-8601 (`ISO8601.parse`),
    /// keeping the offset. No zone means UTC (the live validator attaches UTC to naive times).
    public static func parseISO8601(_ b: UnsafeRawBufferPointer) -> SignalTime? {
        guard let instant = ISO8601.parse(b) else { return nil }
        return SignalTime(microseconds: instant.microseconds, utcOffsetSeconds: instant.utcOffsetSeconds)
    }
}
