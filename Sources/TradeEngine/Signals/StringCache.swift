/// Remembers the decoded text of categorical string fields (strategy ids, symbols, sources,
/// timeframes) so repeated values share one `String` storage: fewer allocations when decoding
/// and hot, shared storage when deciding. Bounded: once full it stops remembering.
struct StringCache {
    private var hashes: [UInt64]
    private var strings: [String?]
    /// The bytes of each remembered string, `maxLength` bytes per slot.
    private var arena: [UInt8]
    private var lengths: [Int]
    private var count = 0
    private static let slots = 2048
    private static let limit = 1024
    private static let maxLength = 64

    init() {
        hashes = [UInt64](repeating: 0, count: Self.slots)
        strings = [String?](repeating: nil, count: Self.slots)
        arena = [UInt8](repeating: 0, count: Self.slots * Self.maxLength)
        lengths = [Int](repeating: 0, count: Self.slots)
    }

    /// The string of `bytes` (valid UTF-8 without escapes).
    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String {
        let length = bytes.count
        guard length <= Self.maxLength else { return String(decoding: bytes, as: UTF8.self) }
        let hash = Self.hash(bytes)
        let mask = Self.slots - 1
        var index = Int(truncatingIfNeeded: hash >> 40) & mask
        for _ in 0..<8 {
            guard let stored = strings[index] else {
                let text = String(decoding: bytes, as: UTF8.self)
                if count < Self.limit {
                    hashes[index] = hash
                    strings[index] = text
                    lengths[index] = length
                    arena.withUnsafeMutableBytes { arena in
                        arena.baseAddress!.advanced(by: index * Self.maxLength).copyMemory(
                            from: bytes.baseAddress!, byteCount: length)
                    }
                    count += 1
                }
                return text
            }
            if hashes[index] == hash && lengths[index] == length {
                let equal = arena.withUnsafeBytes { arena in
                    bytesEqual(
                        UnsafeRawBufferPointer(
                            rebasing: arena[(index * Self.maxLength)..<(index * Self.maxLength + length)]), bytes)
                }
                if equal { return stored }
            }
            index = (index + 1) & mask
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A cheap hash of the length and the first and last eight bytes.
    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let length = bytes.count
        let first = KeyPattern.word(bytes, 0)
        let last = length > 8 ? KeyPattern.word(bytes, Swift.max(8, length - 8)) : 0
        return mix64(first ^ (last &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length) << 56)
    }
}
