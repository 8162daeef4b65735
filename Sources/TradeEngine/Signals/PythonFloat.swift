import Market

/// Prints `Double`s exactly as CPython does, for the live engine's reason strings and order
/// parameters: `str(x)`/`repr(x)` (shortest round-trip digits, `0.07`, `1e-05`, `5.0`) and
/// `f"{x:.Nf}"` (the exact binary value rounded half-to-even, so `f"{0.125:.2f}"` is `0.12`,
/// `f"{0.015:.2f}"` is `0.01` and `f"{2.5:.0f}"` is `2`).
public enum PythonFloat {
    /// `str(x)` of a Python float (`DoubleText.python`).
    public static func repr(_ x: Double) -> String { DoubleText.python(x) }

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
        let digits = FixedPointFormatter.format(units: Int64(n), scale: decimals)
        return x.sign == .minus ? "-" + digits : digits
    }
}
