/// UTF-8 checks over raw bytes.
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid UTF-8 sequence, or nil when all of
    /// `bytes` is valid UTF-8. ASCII runs are checked eight bytes at a time.
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // ASCII fast path.
            while i + 8 <= count && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { break }
            let lead = base.load(fromByteOffset: i, as: UInt8.self)
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                upper = 0x9F
            case 0xF0:
                length = 4
                lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                upper = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            let second = base.load(fromByteOffset: i + 1, as: UInt8.self)
            guard second >= lower && second <= upper else { return i }
            for k in 2..<length {
                let byte = base.load(fromByteOffset: i + k, as: UInt8.self)
                guard byte >= 0x80 && byte <= 0xBF else { return i }
            }
            i += length
        }
        return nil
    }

    /// True when any byte is 0x80 or above.
    @inlinable public static func hasNonASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte >= 0x80 { return true }
        return false
    }
}
