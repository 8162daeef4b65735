public import Market

/// Writes times as ISO-8601 UTC text with milliseconds (`2026-02-01T00:00:00.000Z`) straight into
/// a byte buffer: the report writer's time columns and the result digest's time fields.
///
/// Rows mostly share a day and often a time, so the last day's `YYYY-MM-DDT` and the last time's
/// whole text are kept. Years 0…9999 take the fast path (24 bytes); others the general
/// formatter (`Timestamp.appendISO8601`), which gives the same text for any year.
public struct ISOTimeWriter {
    /// The longest text `write` produces.
    public static let maxLength = 40
    /// The `YYYY-MM-DDT` text of the last day written (11 of 16 bytes) and its day number.
    @usableFromInline var dayText: (UInt64, UInt64) = (0, 0)
    @usableFromInline var day: Int64 = .min
    /// The last time written by the fast path and its 24 bytes.
    @usableFromInline var lastTime: Int64 = .min
    @usableFromInline var lastText: (UInt64, UInt64, UInt64) = (0, 0, 0)
    @usableFromInline var hasLast = false

    /// The first millisecond of year 0 and of year 10000.
    @inlinable static var fastStart: Int64 { -62_167_219_200_000 }
    @inlinable static var fastEnd: Int64 { 253_402_300_800_000 }

    public init() {}

    /// Writes the text of `time` at `p`, which has room for `maxLength` bytes; returns its length.
    @inlinable @inline(__always)
    public mutating func write(_ time: Timestamp, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let ms = time.milliseconds
        if hasLast && ms == lastTime {
            withUnsafeBytes(of: lastText) {
                UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: 24)
            }
            return 24
        }
        guard ms >= Self.fastStart && ms < Self.fastEnd else { return general(time, to: p) }
        let dayNumber = time.dayNumber
        if dayNumber != day { setDay(dayNumber) }
        withUnsafeBytes(of: dayText) { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: 11) }
        var rest = Int(ms - dayNumber * 86_400_000)
        let milli = rest % 1000
        rest /= 1000
        let second = rest % 60
        rest /= 60
        let minute = rest % 60
        let hour = rest / 60
        p[11] = UInt8(truncatingIfNeeded: hour / 10) &+ 0x30
        p[12] = UInt8(truncatingIfNeeded: hour % 10) &+ 0x30
        p[13] = 0x3A
        p[14] = UInt8(truncatingIfNeeded: minute / 10) &+ 0x30
        p[15] = UInt8(truncatingIfNeeded: minute % 10) &+ 0x30
        p[16] = 0x3A
        p[17] = UInt8(truncatingIfNeeded: second / 10) &+ 0x30
        p[18] = UInt8(truncatingIfNeeded: second % 10) &+ 0x30
        p[19] = 0x2E
        p[20] = UInt8(truncatingIfNeeded: milli / 100) &+ 0x30
        p[21] = UInt8(truncatingIfNeeded: (milli / 10) % 10) &+ 0x30
        p[22] = UInt8(truncatingIfNeeded: milli % 10) &+ 0x30
        p[23] = 0x5A
        lastTime = ms
        hasLast = true
        withUnsafeMutableBytes(of: &lastText) { $0.baseAddress!.copyMemory(from: p, byteCount: 24) }
        return 24
    }

    @usableFromInline mutating func setDay(_ dayNumber: Int64) {
        day = dayNumber
        var bytes: [UInt8] = []
        Timestamp(milliseconds: dayNumber * 86_400_000).appendISO8601(to: &bytes)
        dayText = (0, 0)
        withUnsafeMutableBytes(of: &dayText) { $0.copyBytes(from: bytes[0..<11]) }
    }

    @usableFromInline func general(_ time: Timestamp, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var bytes: [UInt8] = []
        time.appendISO8601(to: &bytes)
        let count = min(bytes.count, Self.maxLength)
        bytes.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: count) }
        return count
    }
}
