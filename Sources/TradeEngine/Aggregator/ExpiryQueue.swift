/// The active signals ordered by expiry: (instant in µs, slot), earliest first, ties by slot,
/// so expiry is deterministic.
///
/// Signals are decided in timestamp order, so nearly every insertion lands at the end: a sorted
/// array with a moving head makes insertion and removal O(1) amortised. An out-of-order
/// insertion is placed by binary search (O(log n) plus a move of the later items).
struct ExpiryQueue {
    struct Item {
        var microseconds: Int64
        var slot: Int32

        @inline(__always) static func before(_ a: Item, _ b: Item) -> Bool {
            a.microseconds < b.microseconds || (a.microseconds == b.microseconds && a.slot < b.slot)
        }
    }

    private var items: [Item] = []
    private var head = 0

    var count: Int { items.count - head }

    var top: Item? { head < items.count ? items[head] : nil }

    mutating func push(_ item: Item) {
        if head == items.count || !Item.before(item, items[items.count - 1]) {
            items.append(item)
            return
        }
        var low = head
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            if Item.before(items[middle], item) { low = middle + 1 } else { high = middle }
        }
        items.insert(item, at: low)
    }

    mutating func pop() {
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= items.count {
            items.removeSubrange(0..<head)
            head = 0
        }
    }

    /// Replaces the contents (any order).
    mutating func rebuild(_ newItems: [Item]) {
        items = newItems.sorted(by: Item.before)
        head = 0
    }
}
