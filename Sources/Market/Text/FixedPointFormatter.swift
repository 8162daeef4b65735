/// The one decimal writer: exact text of fixed-point values (units of 10⁻⁸) and of integers,
/// written two digits at a time into byte buffers, never through `Double` or the locale.
///
/// Two forms of a fixed-point value: the shortest exact text (`33.173`, `0`, `-0.5`, what
/// `description` prints and the run digest hashes) and a fixed number of decimals (`12.50`);
/// and any count of units with an implied scale (`1234` hundredths is `12.34`). The pointer
/// forms return how many bytes they wrote; the array and `String` forms are built on them.
public enum FixedPointFormatter {
    /// The most bytes one fixed-point value takes: a sign, 19 digits and a point.
    public static let maxLength = 21

    // MARK: Strings and arrays

    /// `raw` with exactly `decimals` (0...8) fractional digits. Digits beyond `decimals` are
    /// cut, so callers pass at least the value's significant decimals.
    public static func format(_ raw: Int64, decimals: Int) -> String {
        String(unsafeUninitializedCapacity: maxLength) { buffer in
            write(raw, decimals: decimals, to: buffer.baseAddress!)
        }
    }

    /// The shortest exact text of `raw`: no trailing fractional zeros, no point for whole values.
    public static func shortest(_ raw: Int64) -> String {
        String(unsafeUninitializedCapacity: maxLength) { buffer in write(raw, to: buffer.baseAddress!) }
    }

    /// The text of `units / 10^scale` (scale 0...18) with exactly `scale` decimals: `1234`
    /// with scale 2 is `12.34` (a number already rounded to a count of hundredths).
    public static func format(units: Int64, scale: Int) -> String {
        String(unsafeUninitializedCapacity: 24) { buffer in
            write(units.magnitude, negative: units < 0, scale: scale, decimals: scale, to: buffer.baseAddress!)
        }
    }

    /// Appends the text of `units / 10^scale` (scale 0...18) with exactly `scale` decimals.
    public static func append(units: Int64, scale: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            let count = write(
                units.magnitude, negative: units < 0, scale: scale, decimals: scale, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    // MARK: Pointers

    /// Writes `raw` with exactly `decimals` (0...8) fractional digits at `p`; returns the bytes
    /// written (at most `maxLength`).
    @inlinable public static func write(_ raw: Int64, decimals: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
        write(raw.magnitude, negative: raw < 0, scale: 8, decimals: decimals, to: p)
    }

    /// Writes the shortest exact text of `raw` at `p`; returns the bytes written.
    @inlinable public static func write(_ raw: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = raw.magnitude
        var fraction = magnitude % 100_000_000
        // Trailing zeros off (at most 7 when the fraction is not zero).
        var decimals = fraction == 0 ? 0 : 8
        if fraction != 0 {
            if fraction % 10_000 == 0 {
                fraction /= 10_000
                decimals -= 4
            }
            if fraction % 100 == 0 {
                fraction /= 100
                decimals -= 2
            }
            if fraction % 10 == 0 {
                fraction /= 10
                decimals -= 1
            }
        }
        return write(negative: raw < 0, integer: magnitude / 100_000_000, fraction: fraction, decimals: decimals, to: p)
    }

    /// Writes `magnitude / 10^scale` (scale 0...18), negated when `negative`, with the first
    /// `decimals` (at most `scale`) fractional digits; returns the bytes written (at most 22).
    @inlinable public static func write(
        _ magnitude: UInt64, negative: Bool, scale: Int, decimals: Int, to p: UnsafeMutablePointer<UInt8>
    ) -> Int {
        let unit = powerOfTen(scale)
        let fraction = decimals == scale ? magnitude % unit : (magnitude % unit) / powerOfTen(scale - decimals)
        return write(negative: negative, integer: magnitude / unit, fraction: fraction, decimals: decimals, to: p)
    }

    /// Writes `[-]integer[.fraction]`, the fraction zero-padded to `decimals` digits (none when
    /// `decimals` is 0); returns the bytes written.
    @inlinable static func write(
        negative: Bool, integer: UInt64, fraction: UInt64, decimals: Int, to p: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var q = p
        if negative {
            q.pointee = UInt8(ascii: "-")
            q += 1
        }
        q += writeInteger(integer, to: q)
        if decimals > 0 {
            q.pointee = UInt8(ascii: ".")
            writeDigits(fraction, count: decimals, to: q + 1)
            q += 1 + decimals
        }
        return p.distance(to: q)
    }

    /// Writes a signed integer in decimal at `p`; returns the bytes written (at most 20).
    @inlinable public static func writeInteger(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return writeInteger(UInt64(value), to: p) }
        p.pointee = UInt8(ascii: "-")
        return 1 + writeInteger(value.magnitude, to: p + 1)
    }

    /// Writes an unsigned integer in decimal at `p`; returns the bytes written (at most 20).
    @inlinable public static func writeInteger(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        let digits = digitCount(value)
        writeDigits(value, count: digits, to: p)
        return digits
    }

    /// The number of decimal digits of `value` (1 for 0, at most 20).
    @inlinable public static func digitCount(_ value: UInt64) -> Int {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power {
            digits += 1
            power = power &* 10
        }
        return digits
    }

    /// Writes the last `count` decimal digits of `value` at `p`, zero-padded on the left.
    @inlinable @inline(__always)
    public static func writeDigits(_ value: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs
        var v = value
        var i = count
        while i >= 2 {
            let pair = Int(truncatingIfNeeded: v % 100) &* 2
            v /= 100
            i -= 2
            p[i] = pairs[pair]
            p[i + 1] = pairs[pair + 1]
        }
        if i == 1 { p[0] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30 }
    }

    /// `00`, `01`, … `99`: two ASCII digits per value, in the binary's constant data.
    @inlinable static var digitPairs: UnsafePointer<UInt8> {
        let table: StaticString = """
            0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
            5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
            """
        return table.utf8Start
    }

    /// 10ⁿ for n in 0...19.
    @inlinable static func powerOfTen(_ n: Int) -> UInt64 {
        switch n {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        case 8: 100_000_000
        case 9: 1_000_000_000
        case 10: 10_000_000_000
        case 11: 100_000_000_000
        case 12: 1_000_000_000_000
        case 13: 10_000_000_000_000
        case 14: 100_000_000_000_000
        case 15: 1_000_000_000_000_000
        case 16: 10_000_000_000_000_000
        case 17: 100_000_000_000_000_000
        case 18: 1_000_000_000_000_000_000
        default: 10_000_000_000_000_000_000
        }
    }
}
