/// ISO-8601 date-time text: the one parser and the one formatter, with a day cache for streams
/// of times that share a day (kline rows, report rows, digest rows).
///
/// **Parsing** follows Python 3.11+ `datetime.fromisoformat` (what the live engine's signal
/// validator calls): `YYYY-MM-DD` or `YYYYMMDD`, optionally followed by `T`, `t` or a space and
/// a time `HH`, `HH:MM`, `HHMM`, `HH:MM:SS` or `HHMMSS` with an optional fraction (`.` or `,`,
/// any number of digits, truncated to microseconds), then an optional zone `Z`, `±HH`,
/// `±HH:MM`, `±HHMM` or `±HH:MM:SS` (less than a day). No zone means UTC. Years 1…9999; no ISO
/// week dates, no leap second.
///
/// **Formatting** writes UTC with milliseconds, `2026-02-01T00:00:00.000Z` (24 bytes for years
/// 0…9999; other years print all their digits and a sign when negative).
public enum ISO8601 {
    /// A parsed time: the instant and the UTC offset it was written with.
    public struct Instant: Sendable, Hashable {
        /// Microseconds since 1970-01-01T00:00:00Z.
        public var microseconds: Int64
        /// The offset written in the text, in seconds (0 for `Z` and for no zone).
        public var utcOffsetSeconds: Int32

        public init(microseconds: Int64, utcOffsetSeconds: Int32) {
            self.microseconds = microseconds
            self.utcOffsetSeconds = utcOffsetSeconds
        }

        /// The instant in milliseconds (floor).
        @inlinable public var timestamp: Timestamp {
            Timestamp(milliseconds: microseconds >= 0 ? microseconds / 1000 : (microseconds - 999) / 1000)
        }
    }

    /// The length of `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public static let length = 24

    /// The most bytes `write` takes for any timestamp.
    public static let maxLength = 32

    // MARK: Parsing

    /// Parses ISO-8601 text (the grammar above); nil for anything else.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Instant? {
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
        return Instant(microseconds: instant, utcOffsetSeconds: Int32(offset))
    }

    /// Parses ISO-8601 text into a timestamp (milliseconds, floor); nil for anything else.
    public static func timestamp(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        parse(bytes)?.timestamp
    }

    /// Parses ISO-8601 text into a timestamp (milliseconds, floor); nil for anything else.
    public static func timestamp(_ text: some StringProtocol) -> Timestamp? {
        var copy = String(text)
        return copy.withUTF8 { timestamp(UnsafeRawBufferPointer($0)) }
    }

    /// Parses the 19 bytes at `p` as `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` (UTC) into
    /// milliseconds since the epoch, the date through `cache`; nil when they are anything else.
    public static func parseDateTime(_ p: UnsafePointer<UInt8>, cache: inout DayCache) -> Int64? {
        guard p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":"),
            p[16] == UInt8(ascii: ":")
        else { return nil }
        guard let day = cache.day(ofDate: p) else { return nil }
        let hour = twoDigits(p + 11)
        let minute = twoDigits(p + 14)
        let second = twoDigits(p + 17)
        guard hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 else {
            return nil
        }
        return day * 86_400_000 + Int64(hour * 3600 + minute * 60 + second) * 1000
    }

    /// Two ASCII digits at `p` as a number, or -1.
    @inlinable static func twoDigits(_ p: UnsafePointer<UInt8>) -> Int {
        let high = p[0] &- 0x30
        let low = p[1] &- 0x30
        guard high <= 9 && low <= 9 else { return -1 }
        return Int(high) &* 10 &+ Int(low)
    }

    // MARK: Formatting

    /// `time` as text: `2026-02-01T00:00:00.000Z`.
    public static func string(_ time: Timestamp) -> String {
        var cache = DayCache()
        return String(unsafeUninitializedCapacity: maxLength) { buffer in
            write(time, to: buffer.baseAddress!, cache: &cache)
        }
    }

    /// Appends the text of `time` to `bytes`.
    public static func append(_ time: Timestamp, to bytes: inout [UInt8], cache: inout DayCache) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
            let count = write(time, to: buffer.baseAddress!, cache: &cache)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Writes the text of `time` at `p` (room for `maxLength` bytes); returns the bytes written,
    /// `length` for years 0…9999. The date part comes from `cache` when `time` is on its day.
    @inlinable public static func write(
        _ time: Timestamp, to p: UnsafeMutablePointer<UInt8>, cache: inout DayCache
    ) -> Int {
        let day = time.dayNumber
        guard cache.writeDate(ofDay: day, to: p) else { return writeAnyYear(time, to: p) }
        p[10] = UInt8(ascii: "T")
        var rest = UInt64(time.milliseconds &- day &* 86_400_000)
        let millis = rest % 1000
        rest /= 1000
        let second = rest % 60
        rest /= 60
        FixedPointFormatter.writeDigits(rest / 60, count: 2, to: p + 11)
        p[13] = UInt8(ascii: ":")
        FixedPointFormatter.writeDigits(rest % 60, count: 2, to: p + 14)
        p[16] = UInt8(ascii: ":")
        FixedPointFormatter.writeDigits(second, count: 2, to: p + 17)
        p[19] = UInt8(ascii: ".")
        FixedPointFormatter.writeDigits(millis, count: 3, to: p + 20)
        p[23] = UInt8(ascii: "Z")
        return length
    }

    /// `write` for years outside 0…9999: the year with all its digits (and `-` when negative).
    @usableFromInline static func writeAnyYear(_ time: Timestamp, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let civil = CivilTime(time)
        var q = p + FixedPointFormatter.writeInteger(Int64(civil.year), to: p)
        for (separator, value, width) in [
            (UInt8(ascii: "-"), civil.month, 2), (UInt8(ascii: "-"), civil.day, 2), (UInt8(ascii: "T"), civil.hour, 2),
            (UInt8(ascii: ":"), civil.minute, 2), (UInt8(ascii: ":"), civil.second, 2),
            (UInt8(ascii: "."), civil.millisecond, 3),
        ] {
            q.pointee = separator
            FixedPointFormatter.writeDigits(UInt64(value), count: width, to: q + 1)
            q += 1 + width
        }
        q.pointee = UInt8(ascii: "Z")
        return p.distance(to: q + 1)
    }

    // MARK: The day cache

    /// One day and its `YYYY-MM-DD` text, remembered between calls: the formatter writes the
    /// text of the cached day without the calendar arithmetic, and the parser maps the cached
    /// text to its day without parsing it. Years 0…9999 only.
    @frozen public struct DayCache {
        /// Days since 1970-01-01 of the cached date; `Int64.min` when empty.
        @usableFromInline var day: Int64
        /// Its first eight bytes, `YYYY-MM-`.
        @usableFromInline var head: UInt64
        /// Its last two bytes, `DD`.
        @usableFromInline var tail: UInt16

        /// An empty cache.
        @inlinable public init() {
            day = .min
            head = 0
            tail = 0
        }

        /// Writes the 10-byte date of `day` at `p`; false (nothing written) outside years 0…9999.
        @inlinable mutating func writeDate(ofDay day: Int64, to p: UnsafeMutablePointer<UInt8>) -> Bool {
            if day != self.day {
                guard day >= -719_528 && day < 2_932_897 else { return false }
                fill(day: day)
            }
            UnsafeMutableRawPointer(p).storeBytes(of: head, as: UInt64.self)
            UnsafeMutableRawPointer(p + 8).storeBytes(of: tail, as: UInt16.self)
            return true
        }

        /// The day of the `YYYY-MM-DD` text at `p` (10 bytes), or nil when it is not one.
        @inlinable mutating func day(ofDate p: UnsafePointer<UInt8>) -> Int64? {
            let raw = UnsafeRawPointer(p)
            let head = raw.loadUnaligned(as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            if day == .min || head != self.head || tail != self.tail {
                guard let parsed = ISO8601.dayNumber(ofDate: p) else { return nil }
                day = parsed
                self.head = head
                self.tail = tail
            }
            return day
        }

        /// Caches `day` (in years 0…9999) and its text.
        @usableFromInline mutating func fill(day: Int64) {
            let civil = CivilTime(Timestamp(milliseconds: day * 86_400_000))
            var text: (UInt64, UInt16) = (0, 0)
            withUnsafeMutableBytes(of: &text) { buffer in
                let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                FixedPointFormatter.writeDigits(UInt64(civil.year), count: 4, to: p)
                p[4] = UInt8(ascii: "-")
                FixedPointFormatter.writeDigits(UInt64(civil.month), count: 2, to: p + 5)
                p[7] = UInt8(ascii: "-")
                FixedPointFormatter.writeDigits(UInt64(civil.day), count: 2, to: p + 8)
            }
            self.day = day
            head = text.0
            tail = text.1
        }
    }

    /// The day number of the `YYYY-MM-DD` text at `p` (10 bytes), nil when it is not one.
    @usableFromInline static func dayNumber(ofDate p: UnsafePointer<UInt8>) -> Int64? {
        timestamp(UnsafeRawBufferPointer(start: p, count: 10))?.dayNumber
    }
}
