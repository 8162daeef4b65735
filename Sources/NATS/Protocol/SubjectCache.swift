/// Reuses the `String` of recently seen subjects, so a stream of messages on a few subjects
/// does not allocate a new string per message (subjects longer than 15 bytes are not inline).
struct SubjectCache {
    private static let slots = 64
    private var entries = [String?](repeating: nil, count: slots)

    /// The string for the subject bytes, from the cache when an equal one is there.
    mutating func subject(_ bytes: UnsafeRawBufferPointer) -> String {
        if bytes.count <= 15 {
            return String(decoding: bytes, as: UTF8.self)
        }
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let slot = Int(hash % UInt32(Self.slots))
        if let cached = entries[slot], cached.utf8.count == bytes.count, cached.utf8.elementsEqual(bytes) {
            return cached
        }
        let fresh = String(decoding: bytes, as: UTF8.self)
        entries[slot] = fresh
        return fresh
    }
}
