/// Integers and fixed-point values as decimal text, written straight into a byte buffer (the
/// result digest's number fields).
enum DecimalText {
    /// The longest text either writer produces (`-9223372036854775808`, `-92233720368.54775808`).
    static let maxLength = 21

    /// Writes `value` in decimal at `p`; returns the bytes written.
    @inline(__always) static func integer(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return unsigned(UInt64(value), to: p) }
        p.pointee = 0x2D
        return 1 + unsigned(value.magnitude, to: p + 1)
    }

    /// Writes a count of 10⁻⁸ units as its shortest exact decimal (`12.5`, `-0.00000001`, `0`), as
    /// `FixedPoint.description` prints it; returns the bytes written.
    @inline(__always) static func fixed(_ raw: Int64, to start: UnsafeMutablePointer<UInt8>) -> Int {
        var p = start
        let magnitude = raw.magnitude
        if raw < 0 {
            p.pointee = 0x2D
            p += 1
        }
        p += unsigned(magnitude / 100_000_000, to: p)
        var fraction = magnitude % 100_000_000
        if fraction != 0 {
            p.pointee = 0x2E
            p += 1
            // Trailing zeros off (at most 7: the fraction is not zero).
            var digits = 8
            if fraction % 10_000 == 0 {
                fraction /= 10_000
                digits -= 4
            }
            if fraction % 100 == 0 {
                fraction /= 100
                digits -= 2
            }
            if fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            writeDigits(fraction, count: digits, to: p)
            p += digits
        }
        return p - start
    }

    static func unsigned(_ value: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && value >= power {
            digits += 1
            power = power &* 10
        }
        writeDigits(value, count: digits, to: p)
        return digits
    }

    /// Writes the last `count` decimal digits of `value` at `p` (zero-padded), two at a time.
    @inline(__always) static func writeDigits(_ value: UInt64, count: Int, to p: UnsafeMutablePointer<UInt8>) {
        var v = value
        var i = count
        while i >= 2 {
            let pair = Int(v % 100)
            v /= 100
            i -= 2
            p[i] = digitPairs[2 &* pair]
            p[i + 1] = digitPairs[2 &* pair &+ 1]
        }
        if i == 1 { p[0] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30 }
    }

    /// `00`, `01`, … `99`: two ASCII digits per value (never freed; immutable after start-up).
    nonisolated(unsafe) static let digitPairs: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        for k in 0..<100 {
            table[2 * k] = UInt8(k / 10) + 0x30
            table[2 * k + 1] = UInt8(k % 10) + 0x30
        }
        return table
    }()
}
