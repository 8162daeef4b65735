import Market

// Byte-level field scanners. The pointer forms advance `p` past the field and return nil for
// anything unusual; the caller then re-reads the row on the slow path to name the problem.
extension KlineParser {
    typealias Pointer = UnsafePointer<UInt8>

    /// Steps over a comma.
    @inline(__always)
    static func comma(_ p: inout Pointer, _ end: Pointer) -> Bool {
        guard p.pointee == 0x2C else { return false }
        p += 1
        return true
    }

    /// 10^(8 − fractionDigits).
    @inline(__always)
    static func scale(_ fractionDigits: Int) -> Int64 {
        switch fractionDigits {
        case 0: 100_000_000
        case 1: 10_000_000
        case 2: 1_000_000
        case 3: 100_000
        case 4: 10_000
        case 5: 1_000
        case 6: 100
        case 7: 10
        default: 1
        }
    }

    /// An unsigned integer of 1–18 digits, ending at a comma or the end of the line.
    ///
    /// The scanners stop at the first non-digit without checking `end`: `LineReader` guarantees
    /// that the byte after a line is a line terminator or zero, never a digit, comma or point.
    @inline(__always)
    static func integer(_ p: inout Pointer, _ end: Pointer) -> Int64? {
        let start = p
        var value: Int64 = 0
        while true {
            let digit = p.pointee &- 0x30
            if digit > 9 { break }
            value = value &* 10 &+ Int64(digit)
            p += 1
        }
        let digits = start.distance(to: p)
        guard digits > 0 && digits <= 18 else { return nil }
        return value
    }

    /// A decimal as a raw fixed-point value. The fast path takes `digits[.digits]` with at most
    /// 10 integer and 8 fraction digits, a byte at a time; anything else (a sign, an exponent,
    /// trailing zeros past 8 decimals) goes through `FixedPointParser`.
    @inline(__always)
    static func decimal(_ p: inout Pointer, _ end: Pointer) -> Int64? {
        let start = p
        var q = p
        var mantissa: Int64 = 0
        while true {
            let digit = q.pointee &- 0x30
            if digit > 9 { break }
            mantissa = mantissa &* 10 &+ Int64(digit)
            q += 1
        }
        let integerDigits = start.distance(to: q)
        var fractionDigits = 0
        if q.pointee == 0x2E {
            q += 1
            let fractionStart = q
            while true {
                let digit = q.pointee &- 0x30
                if digit > 9 { break }
                mantissa = mantissa &* 10 &+ Int64(digit)
                q += 1
            }
            fractionDigits = fractionStart.distance(to: q)
        }
        if (q == end || q.pointee == 0x2C) && integerDigits <= 10 && fractionDigits <= 8
            && integerDigits + fractionDigits > 0
        {
            p = q
            return mantissa &* scale(fractionDigits)
        }
        return slowDecimal(start, &p, end)
    }

    @inline(never)
    static func slowDecimal(_ start: Pointer, _ p: inout Pointer, _ end: Pointer) -> Int64? {
        var stop = start
        while stop < end && stop.pointee != 0x2C { stop += 1 }
        p = stop
        return FixedPointParser.parse(UnsafeRawBufferPointer(start: start, count: start.distance(to: stop)))
    }

    /// Steps over a decimal that is only validated (trade statistics): `[-]digits[.digits]`, or
    /// any form `FixedPointParser`'s syntax accepts, whatever its size.
    @inline(__always)
    static func skipDecimal(_ p: inout Pointer, _ end: Pointer) -> Bool {
        let start = p
        var q = p
        while q.pointee &- 0x30 <= 9 { q += 1 }
        var digits = start.distance(to: q)
        if q.pointee == 0x2E {
            q += 1
            let fractionStart = q
            while q.pointee &- 0x30 <= 9 { q += 1 }
            digits += fractionStart.distance(to: q)
        }
        if digits > 0 && (q == end || q.pointee == 0x2C) {
            p = q
            return true
        }
        var stop = start
        while stop < end && stop.pointee != 0x2C { stop += 1 }
        p = stop
        return isDecimalSyntax(UnsafeRawBufferPointer(start: start, count: start.distance(to: stop)))
    }

    /// A date-time field as epoch ms: `YYYY-MM-DD HH:MM:SS` before a comma directly (the date
    /// part through the day cache), any other ISO-8601 form through `ISO8601.timestamp`.
    @inline(__always)
    static func dateTime(_ p: inout Pointer, _ end: Pointer, _ cache: inout ISO8601.DayCache) -> Int64? {
        if p.distance(to: end) >= 20 && p[19] == 0x2C, let time = ISO8601.parseDateTime(p, cache: &cache) {
            p += 19
            return time
        }
        let start = p
        while p < end && p.pointee != 0x2C { p += 1 }
        return ISO8601.timestamp(UnsafeRawBufferPointer(start: start, count: start.distance(to: p)))?.milliseconds
    }

    /// An unsigned integer field of 1–18 digits.
    static func integer(_ field: UnsafeRawBufferPointer) -> Int64? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in field {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    /// An unsigned integer of 1–18 digits from text.
    static func integer(text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { integer(UnsafeRawBufferPointer($0)) }
    }

    /// True for `[+-]digits[.digits][(e|E)[+-]digits]` of any length.
    static func isDecimalSyntax(_ field: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = field.count
        if i < n && (field[i] == 0x2D || field[i] == 0x2B) { i += 1 }
        var digits = 0
        while i < n && field[i] >= 0x30 && field[i] <= 0x39 {
            i += 1
            digits += 1
        }
        if i < n && field[i] == 0x2E {
            i += 1
            while i < n && field[i] >= 0x30 && field[i] <= 0x39 {
                i += 1
                digits += 1
            }
        }
        guard digits > 0 else { return false }
        if i < n && (field[i] == 0x65 || field[i] == 0x45) {
            i += 1
            if i < n && (field[i] == 0x2D || field[i] == 0x2B) { i += 1 }
            let exponentStart = i
            while i < n && field[i] >= 0x30 && field[i] <= 0x39 { i += 1 }
            guard i > exponentStart else { return false }
        }
        return i == n
    }

    /// The comma-separated fields of a line (slow path only).
    static func fields(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var result: [UnsafeRawBufferPointer] = []
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x2C {
            result.append(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
        }
        result.append(UnsafeRawBufferPointer(rebasing: bytes[start..<bytes.count]))
        return result
    }
}
