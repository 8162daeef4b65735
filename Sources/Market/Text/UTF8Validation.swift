/// UTF-8 checks over raw bytes (RFC 3629: no overlong forms, no surrogates, nothing above
/// U+10FFFF), shared by the JSON reader and the file readers.
public enum UTF8Validation {
    /// The offset of the first byte that starts an invalid UTF-8 sequence, or nil when all of
    /// `bytes` is valid UTF-8. ASCII runs are checked eight bytes at a time.
    public static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            while i + 8 <= count && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
            }
            guard i < count else { break }
            if base.load(fromByteOffset: i, as: UInt8.self) < 0x80 {
                i += 1
                continue
            }
            guard let end = sequenceEnd(bytes, at: i) else { return i }
            i = end
        }
        return nil
    }

    /// The offset just past the valid multi-byte sequence whose lead byte (0x80 or above) is at
    /// `index`, or nil when the sequence is invalid or cut off by the end of `bytes`.
    @inlinable public static func sequenceEnd(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int? {
        let lead = bytes[index]
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
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { return nil }
        var k = 2
        while k < length {
            let byte = bytes[index + k]
            guard byte >= 0x80 && byte <= 0xBF else { return nil }
            k += 1
        }
        return index + length
    }

    /// The length of the UTF-8 byte order mark (EF BB BF) at the start of `bytes`: 3, or 0 when
    /// there is none.
    @inlinable public static func byteOrderMarkLength(_ bytes: UnsafeRawBufferPointer) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }
}
