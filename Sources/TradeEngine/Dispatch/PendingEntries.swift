/// Entry orders accepted and not yet filled, by client order number: a handful at a time
/// (market entries fill at the next open), so a linear scan.
struct PendingEntries {
    private var numbers: [Int] = []
    private(set) var intents: [EntryIntent] = []

    mutating func insert(_ intent: consuming EntryIntent, number: Int) {
        numbers.append(number)
        intents.append(intent)
    }

    func intent(number: Int) -> EntryIntent? {
        slot(number: number).map { intents[$0] }
    }

    /// The index of the entry in `intents` (valid until the next change).
    func slot(number: Int) -> Int? {
        for i in numbers.indices where numbers[i] == number { return i }
        return nil
    }

    /// Removes the entry; false when there was none.
    mutating func remove(number: Int) -> Bool {
        for i in numbers.indices where numbers[i] == number {
            numbers.remove(at: i)
            intents.remove(at: i)
            return true
        }
        return false
    }
}
