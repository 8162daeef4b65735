/// How often a candidate beat a baseline over the same windows (or days): the counts and the
/// share won.
///
/// A window is won when the candidate's value is strictly above the baseline's, tied when equal.
public struct WindowsWon: Sendable, Hashable {
    /// Windows in which the candidate is above the baseline.
    public var won: Int
    /// Windows in which the two are equal.
    public var tied: Int
    /// All windows compared.
    public var windows: Int

    public init(won: Int, tied: Int, windows: Int) {
        self.won = won
        self.tied = tied
        self.windows = windows
    }

    /// Windows in which the candidate is below the baseline.
    public var lost: Int { windows - won - tied }

    /// `won / windows`, or `nil` when there are no windows.
    public var share: Double? { windows > 0 ? Double(won) / Double(windows) : nil }

    /// Counts the windows `candidate` wins against `baseline`, index by index.
    ///
    /// Throws when the lengths differ or a value is not finite.
    public static func count(candidate: [Double], baseline: [Double]) throws(StatisticsError) -> WindowsWon {
        guard candidate.count == baseline.count else {
            throw .lengthMismatch(first: candidate.count, second: baseline.count)
        }
        var won = 0
        var tied = 0
        for index in candidate.indices {
            guard candidate[index].isFinite, baseline[index].isFinite else { throw .notFinite(index: index) }
            if candidate[index] > baseline[index] {
                won += 1
            } else if candidate[index] == baseline[index] {
                tied += 1
            }
        }
        return WindowsWon(won: won, tied: tied, windows: candidate.count)
    }
}
