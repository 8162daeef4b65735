/// Prints `Double`s exactly as CPython does, for the live engine's reason strings and order
/// parameters: `str(x)`/`repr(x)` (shortest round-trip digits, `0.07`, `1e-05`, `5.0`) and
/// `f"{x:.Nf}"` (the exact binary value rounded half-to-even, so `f"{0.125:.2f}"` is `0.12`,
/// `f"{0.015:.2f}"` is `0.01` and `f"{2.5:.0f}"` is `2`).
public enum PythonFloat {
    /// `str(x)` of a Python float.
    public static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        // Swift prints the same shortest round-trip digits; only the layout differs.
        var digits: [UInt8] = []
        var exponent = 0  // value = 0.d1d2d3… × 10^decimalPoint
        var pointSeen = false
        var leading = true
        var exponentPart = 0
        var text = x.magnitude.description.utf8[...]
        if let e = text.firstIndex(where: { $0 == UInt8(ascii: "e") }) {
            exponentPart = Int(String(decoding: text[text.index(after: e)...], as: UTF8.self)) ?? 0
            text = text[..<e]
        }
        var integerDigits = 0
        for byte in text {
            if byte == UInt8(ascii: ".") {
                pointSeen = true
                continue
            }
            if leading && byte == UInt8(ascii: "0") {
                if pointSeen { exponent -= 1 }
                continue
            }
            leading = false
            digits.append(byte)
            if !pointSeen { integerDigits += 1 }
        }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let decimalPoint = (integerDigits > 0 ? integerDigits : exponent) + exponentPart
        var out: [UInt8] = x < 0 ? [UInt8(ascii: "-")] : []
        if decimalPoint > -4 && decimalPoint <= 16 {
            if decimalPoint <= 0 {
                out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -decimalPoint))
                out.append(contentsOf: digits)
            } else if digits.count <= decimalPoint {
                out.append(contentsOf: digits)
                out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimalPoint - digits.count))
                out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: "0")])
            } else {
                out.append(contentsOf: digits[..<decimalPoint])
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[decimalPoint...])
            }
        } else {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            let e = decimalPoint - 1
            out.append(UInt8(ascii: "e"))
            out.append(e < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = e < 0 ? -e : e
            if magnitude < 10 { out.append(UInt8(ascii: "0")) }
            out.append(contentsOf: String(magnitude).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `f"{x:.{decimals}f}"` of a Python float (`decimals` in 0...6), for magnitudes below 2⁴⁵.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        precondition((0...6).contains(decimals))
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let magnitude = x.magnitude
        guard magnitude * scale < 0x1p52 else { return repr(x) }
        // n = floor(|x| × 10^d) exactly: the product may have rounded across an integer.
        var n = (magnitude * scale).rounded(.down)
        while (-n).addingProduct(magnitude, scale) < 0 { n -= 1 }
        while (-(n + 1)).addingProduct(magnitude, scale) >= 0 { n += 1 }
        // Compare the exact |x| × 10^d with n + ½ (exactly representable); fma keeps the sign.
        let difference = (-(n + 0.5)).addingProduct(magnitude, scale)
        if difference > 0 || (difference == 0 && n.truncatingRemainder(dividingBy: 2) != 0) { n += 1 }
        var digits = String(Int64(n))
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return x.sign == .minus ? "-" + digits : digits
    }
}
