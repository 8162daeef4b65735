/// Per-leg state of a strategy book: the leg's open lifecycle and its open strategy positions.
/// A run touches a few legs, so a key is found by scanning the table (symbols are short
/// strings, compared without hashing); slots are never removed.
struct LegTable: Sendable {
    private(set) var keys: [PositionKey] = []
    /// Index of the open lifecycle record per slot.
    var lifecycle: [Int?] = []
    /// Indices of the open strategy positions per slot, in creation order.
    var open: [[Int]] = []
    /// The leg's `exchange_position_key` text (`BTCUSDT_LONG`), built once.
    private(set) var text: [String] = []

    /// The slot of `key`, nil when the leg was never opened.
    @inline(__always) func slot(_ key: PositionKey) -> Int? {
        for i in keys.indices where keys[i].side == key.side && keys[i].symbol == key.symbol { return i }
        return nil
    }

    /// Adds an empty slot for `key` and returns it.
    mutating func add(_ key: PositionKey) -> Int {
        keys.append(key)
        lifecycle.append(nil)
        open.append([])
        text.append(key.description)
        return keys.count - 1
    }

    /// The open lifecycle of a leg.
    @inline(__always) func lifecycle(_ key: PositionKey) -> Int? { slot(key).flatMap { lifecycle[$0] } }
}
