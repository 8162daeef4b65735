import Market

/// The engine's client order ids, `hs-N` with N = 1, 2, … in placement order. The number
/// indexes the dispatcher's per-order tables directly.
enum ClientOrderID {
    /// `hs-N`, written straight into the (small, inline) string.
    static func make(_ n: Int) -> String {
        guard n >= 0 else { return "hs-" + String(n) }
        let digits = FixedPointFormatter.digitCount(UInt64(n))
        return String(unsafeUninitializedCapacity: 3 + digits) { out in
            out[0] = UInt8(ascii: "h")
            out[1] = UInt8(ascii: "s")
            out[2] = UInt8(ascii: "-")
            FixedPointFormatter.writeDigits(UInt64(n), count: digits, to: out.baseAddress! + 3)
            return 3 + digits
        }
    }

    /// N of `hs-N` (N ≥ 1, decimal, no leading zero), else nil.
    static func number(_ id: String) -> Int? {
        var id = id
        return id.withUTF8 { bytes -> Int? in
            let count = bytes.count
            guard count > 3, count < 19, bytes[0] == UInt8(ascii: "h"), bytes[1] == UInt8(ascii: "s"),
                bytes[2] == UInt8(ascii: "-"), bytes[3] != UInt8(ascii: "0")
            else { return nil }
            var n = 0
            for i in 3..<count {
                let digit = bytes[i] &- 0x30
                guard digit < 10 else { return nil }
                n = n &* 10 &+ Int(digit)
            }
            return n
        }
    }
}
