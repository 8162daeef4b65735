/// The engine's client order ids, `hs-N` with N = 1, 2, … in placement order. The number
/// indexes the dispatcher's per-order tables directly.
enum ClientOrderID {
    /// `hs-N`.
    static func make(_ n: Int) -> String { "hs-" + String(n) }

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
