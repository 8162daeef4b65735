/// A key with a cheap, fixed 64-bit hash (no per-process seed: the map's order is never
/// observable, so determinism does not depend on it).
protocol FlatKey: Equatable {
    var hash64: UInt64 { get }
}

/// An open-addressing hash map (linear probing, backward-shift deletion, load ≤ 1/2) for the
/// gates' and aggregator's integer keys: several times cheaper than `Dictionary`'s SipHash on
/// the per-signal path. Nothing iterates it in an order that can reach a result.
struct FlatMap<Key: FlatKey, Value> {
    private var keys: [Key?]
    private var values: [Value?]
    private var mask: Int
    private var shift: UInt64
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = [Key?](repeating: nil, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always) private func home(_ key: Key) -> Int {
        Int(truncatingIfNeeded: (key.hash64 &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(key: Key) -> Value? {
        var index = home(key)
        while let stored = keys[index] {
            if stored == key { return values[index] }
            index = (index &+ 1) & mask
        }
        return nil
    }

    mutating func set(_ value: Value, for key: Key) {
        var index = home(key)
        while let stored = keys[index] {
            if stored == key {
                values[index] = value
                return
            }
            index = (index &+ 1) & mask
        }
        keys[index] = key
        values[index] = value
        count += 1
        if count * 2 > keys.count { grow() }
    }

    mutating func removeValue(for key: Key) {
        var index = home(key)
        while let stored = keys[index] {
            if stored == key {
                remove(at: index)
                return
            }
            index = (index &+ 1) & mask
        }
    }

    /// Removes the entries matching `predicate` in place (order irrelevant: removal only).
    mutating func removeAll(where predicate: (Key, Value) -> Bool) {
        var index = 0
        while index < keys.count {
            if let key = keys[index], let value = values[index], predicate(key, value) {
                remove(at: index)  // a later entry may shift into `index`: look at it again
            } else {
                index += 1
            }
        }
    }

    mutating func removeAll() { self = FlatMap(capacity: 16) }

    /// Backward-shift deletion: later members of the probe run move up into the hole.
    private mutating func remove(at start: Int) {
        var hole = start
        var index = (start &+ 1) & mask
        while let key = keys[index] {
            let wanted = home(key)
            // Move the entry if its home is not in (hole, index] cyclically.
            let distanceToHole = (index &- wanted) & mask
            let distanceToIndex = (index &- hole) & mask
            if distanceToHole >= distanceToIndex {
                keys[hole] = key
                values[hole] = values[index]
                hole = index
            }
            index = (index &+ 1) & mask
        }
        keys[hole] = nil
        values[hole] = nil
        count -= 1
    }

    private mutating func grow() {
        var bigger = FlatMap(capacity: keys.count)
        for index in keys.indices {
            if let key = keys[index], let value = values[index] { bigger.set(value, for: key) }
        }
        self = bigger
    }
}

/// Murmur3's 64-bit finaliser.
@inline(__always) func mix64(_ value: UInt64) -> UInt64 {
    var h = value
    h ^= h >> 33
    h = h &* 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
}
