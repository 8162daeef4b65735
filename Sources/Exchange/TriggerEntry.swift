/// A heap entry: an order's trigger key. Ordered by key, then `tie` (the order id for the
/// "fires when price rises" heaps, minus the id for the "fires when price falls" heaps, so the
/// lower id comes first at either end), then generation.
struct TriggerEntry: Comparable {
    var key: Int64
    var tie: Int64
    var index: Int32
    var generation: UInt32

    static func < (lhs: TriggerEntry, rhs: TriggerEntry) -> Bool {
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        if lhs.tie != rhs.tie { return lhs.tie < rhs.tie }
        return lhs.generation < rhs.generation
    }

    static func == (lhs: TriggerEntry, rhs: TriggerEntry) -> Bool {
        lhs.key == rhs.key && lhs.tie == rhs.tie && lhs.generation == rhs.generation
    }
}
