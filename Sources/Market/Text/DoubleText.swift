/// The one shortest-round-trip text of a `Double`: the fewest significant digits that read back
/// as the same value (the digits Swift's `description` and CPython's `repr` both choose), laid
/// out two ways:
///
/// - `plain`: never an exponent, no `.0` on whole values — `0.3`, `5`, `0.00001`, `-12.25`,
///   `250000000000000000000` (report exports and summaries);
/// - `python`: CPython's `repr(float)` — `0.07`, `5.0`, `1e-05`, `1e+16`, `-0.0` (the live
///   engine's reason texts, which must match byte for byte).
public enum DoubleText {
    /// `value` in plain layout; nil for NaN and infinities (NULL in a report). Zero, either
    /// sign, is `0`.
    public static func plain(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        return withShortestDigits(value) { digits, point in
            let negative = value < 0 ? 1 : 0
            let count = digits.count
            let length: Int
            if point <= 0 {
                length = negative + 2 - point + count
            } else if point >= count {
                length = negative + point
            } else {
                length = negative + count + 1
            }
            return String(unsafeUninitializedCapacity: length) { out in
                var at = 0
                func put(_ byte: UInt8) {
                    out[at] = byte
                    at += 1
                }
                if negative == 1 { put(UInt8(ascii: "-")) }
                if point <= 0 {
                    put(UInt8(ascii: "0"))
                    put(UInt8(ascii: "."))
                    for _ in 0..<(-point) { put(UInt8(ascii: "0")) }
                    for digit in digits { put(digit) }
                } else if point >= count {
                    for digit in digits { put(digit) }
                    for _ in 0..<(point - count) { put(UInt8(ascii: "0")) }
                } else {
                    for digit in digits[0..<point] { put(digit) }
                    put(UInt8(ascii: "."))
                    for digit in digits[point...] { put(digit) }
                }
                return at
            }
        }
    }

    /// `value` as CPython's `repr(float)` (and `str(float)`) prints it: positional for decimal
    /// exponents from -4 to 15, with `.0` on whole values; otherwise `d.ddde±XX`. `nan`, `inf`,
    /// `-inf`, `0.0`, `-0.0`.
    public static func python(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        return withShortestDigits(value) { digits, point in
            String(unsafeUninitializedCapacity: 32) { out in
                var at = 0
                func put(_ byte: UInt8) {
                    out[at] = byte
                    at += 1
                }
                if value < 0 { put(UInt8(ascii: "-")) }
                let count = digits.count
                if point > -4 && point <= 16 {
                    if point <= 0 {
                        put(UInt8(ascii: "0"))
                        put(UInt8(ascii: "."))
                        for _ in 0..<(-point) { put(UInt8(ascii: "0")) }
                        for digit in digits { put(digit) }
                    } else if count <= point {
                        for digit in digits { put(digit) }
                        for _ in 0..<(point - count) { put(UInt8(ascii: "0")) }
                        put(UInt8(ascii: "."))
                        put(UInt8(ascii: "0"))
                    } else {
                        for digit in digits[0..<point] { put(digit) }
                        put(UInt8(ascii: "."))
                        for digit in digits[point...] { put(digit) }
                    }
                } else {
                    put(digits[0])
                    if count > 1 {
                        put(UInt8(ascii: "."))
                        for digit in digits[1...] { put(digit) }
                    }
                    let exponent = point - 1
                    put(UInt8(ascii: "e"))
                    put(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                    let magnitude = UInt64(exponent.magnitude)
                    if magnitude < 10 { put(UInt8(ascii: "0")) }
                    at += FixedPointFormatter.writeInteger(magnitude, to: out.baseAddress! + at)
                }
                return at
            }
        }
    }

    /// Calls `body` with the shortest round-trip digits of a finite, non-zero `value` (ASCII,
    /// no leading or trailing zeros) and the decimal point's position: |value| =
    /// 0.d₁d₂… × 10^point.
    static func withShortestDigits<R>(_ value: Double, _ body: (UnsafeBufferPointer<UInt8>, Int) -> R) -> R {
        // Swift's description has the shortest round-trip digits; only the layout differs.
        var text = value.magnitude.description
        return text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
                var count = 0
                var integerDigits = 0
                var leadingFractionZeros = 0
                var pointSeen = false
                var index = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
                    index += 1
                    if byte == UInt8(ascii: ".") {
                        pointSeen = true
                    } else if count == 0 && byte == UInt8(ascii: "0") {
                        if pointSeen { leadingFractionZeros += 1 }
                    } else {
                        digits[count] = byte
                        count += 1
                        if !pointSeen { integerDigits += 1 }
                    }
                }
                var exponent = 0
                if index < bytes.count {
                    index += 1
                    var negative = false
                    if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                        negative = bytes[index] == UInt8(ascii: "-")
                        index += 1
                    }
                    while index < bytes.count {
                        exponent = exponent * 10 + Int(bytes[index] &- 0x30)
                        index += 1
                    }
                    if negative { exponent = -exponent }
                }
                while count > 1 && digits[count - 1] == UInt8(ascii: "0") { count -= 1 }
                let point = (integerDigits > 0 ? integerDigits : -leadingFractionZeros) + exponent
                return body(UnsafeBufferPointer(rebasing: digits[0..<count]), point)
            }
        }
    }
}
