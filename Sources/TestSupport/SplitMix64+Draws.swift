public import Market

/// The draws randomised tests make from the shared generator. They reduce `next()` modulo the
/// range (a bias far below anything a test can notice) so a seed keeps giving the same stream.
extension SplitMix64 {
    /// A value in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// One of `values` (not empty).
    public mutating func pick<T>(_ values: [T]) -> T { values[int(0...(values.count - 1))] }

    /// A value in `[0, 1)` from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
