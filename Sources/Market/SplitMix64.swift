/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// the seeded generator behind every synthetic workload and randomised test.
///
/// The same seed gives the same sequence on every platform and in every process: the state is a
/// 64-bit counter advanced by the golden-ratio increment and scrambled by two multiply-xorshift
/// rounds, nothing depends on hashing, time or the system. Not for cryptography.
///
/// As a `RandomNumberGenerator` it serves the standard library's `random(in:using:)` and
/// `shuffled(using:)`; their algorithms are the standard library's, so code whose output is
/// pinned (the benchmark workloads) draws with `next()` and its own arithmetic instead.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The counter; the next value is derived from `state` plus the increment.
    public var state: UInt64

    /// A generator whose first value is derived from `seed + 0x9E3779B97F4A7C15`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
