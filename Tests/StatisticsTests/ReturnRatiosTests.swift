import Statistics
import Testing

/// Sharpe, Sortino, daily returns and windows won against hand-computed values.
@Suite struct ReturnRatiosTests {
    /// Returns 1 %, −1 %, 2 %, 0 %: mean 0.5 %, sample sd √(5e-4 / 3), downside deviation
    /// √(1e-4 / 4) = 0.5 %.
    @Test func sharpeAndSortinoAreTheHandComputedOnes() throws {
        let returns = [0.01, -0.01, 0.02, 0.0]
        let sharpe = try #require(ReturnRatios.sharpe(dailyReturns: returns))
        #expect(abs(sharpe - 0.005 / (5e-4 / 3).squareRoot() * 365.0.squareRoot()) < 1e-12)
        #expect(abs(sharpe - 7.399324293474371) < 1e-9)
        let sortino = try #require(ReturnRatios.sortino(dailyReturns: returns))
        #expect(abs(sortino - 365.0.squareRoot()) < 1e-9)
    }

    @Test func undefinedRatiosAreNil() {
        #expect(ReturnRatios.sharpe(dailyReturns: []) == nil)
        #expect(ReturnRatios.sharpe(dailyReturns: [0.01]) == nil)
        #expect(ReturnRatios.sharpe(dailyReturns: [0.01, 0.01, 0.01]) == nil)
        #expect(ReturnRatios.sortino(dailyReturns: [0.01, 0.02]) == nil)
        #expect(ReturnRatios.sharpe(dailyReturns: [0.01, .nan]) == nil)
    }

    @Test func dailyReturnsDivideByThePreviousDay() {
        #expect(ReturnRatios.dailyReturns(equity: [100, 110, 99]) == [0.10000000000000009, -0.09999999999999998])
        #expect(ReturnRatios.dailyReturns(equity: [100]) == [])
        #expect(ReturnRatios.dailyReturns(equity: [100, 0, 50]) == [-1])
    }

    @Test func windowsWonCountsStrictWinsAndTies() throws {
        let result = try WindowsWon.count(candidate: [3, 1, 2, 5], baseline: [1, 1, 4, 4])
        #expect(result == WindowsWon(won: 2, tied: 1, windows: 4))
        #expect(result.lost == 1)
        #expect(result.share == 0.5)
        #expect(try WindowsWon.count(candidate: [], baseline: []).share == nil)
        #expect(throws: StatisticsError.lengthMismatch(first: 1, second: 0)) {
            try WindowsWon.count(candidate: [1], baseline: [])
        }
    }
}
