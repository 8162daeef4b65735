import Market

/// A count per leg, for the few legs a run touches: a linear scan over (key, count) pairs
/// (symbols are short strings, compared without hashing). Missing keys count zero.
struct LegCounts {
    private var keys: [PositionKey] = []
    private var counts: [Int] = []

    subscript(key: PositionKey) -> Int {
        get {
            for i in keys.indices where keys[i] == key { return counts[i] }
            return 0
        }
        set {
            for i in keys.indices where keys[i] == key {
                counts[i] = newValue
                return
            }
            keys.append(key)
            counts.append(newValue)
        }
    }
}
