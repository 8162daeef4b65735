/// Risk-adjusted return ratios of a daily series: Sharpe and Sortino, annualised with √365.
///
/// Crypto perpetuals trade every calendar day, so a year is 365 daily returns and the daily
/// ratio is multiplied by √365 (≈ 19.10), not the √252 of stock markets. The risk-free rate and
/// the Sortino target are 0. Both ratios are `nil` when they are undefined: fewer than two
/// returns, no variation (Sharpe), or no day below 0 (Sortino). See docs/statistics.md.
public enum ReturnRatios {
    /// Days per year of the annualisation.
    public static let daysPerYear = 365.0

    /// The daily returns of an equity series: `equity[i] / equity[i − 1] − 1` for each day after
    /// the first. A day whose previous equity is not above 0 ends the series there (a return
    /// on nothing is undefined).
    public static func dailyReturns(equity: [Double]) -> [Double] {
        guard equity.count > 1 else { return [] }
        var returns: [Double] = []
        returns.reserveCapacity(equity.count - 1)
        for index in 1..<equity.count {
            let previous = equity[index - 1]
            guard previous > 0, previous.isFinite, equity[index].isFinite else { break }
            returns.append(equity[index] / previous - 1)
        }
        return returns
    }

    /// The annualised Sharpe ratio: mean daily return over its sample standard deviation
    /// (divisor `n − 1`), times √365.
    public static func sharpe(dailyReturns returns: [Double]) -> Double? {
        guard returns.count > 1, returns.allSatisfy(\.isFinite) else { return nil }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let variance = returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(returns.count - 1)
        guard variance > 0 else { return nil }
        return mean / variance.squareRoot() * daysPerYear.squareRoot()
    }

    /// The annualised Sortino ratio: mean daily return over the downside deviation
    /// `√(Σ min(r, 0)² / n)` (all `n` days in the divisor, target 0), times √365.
    public static func sortino(dailyReturns returns: [Double]) -> Double? {
        guard returns.count > 1, returns.allSatisfy(\.isFinite) else { return nil }
        let mean = returns.reduce(0, +) / Double(returns.count)
        let downside = returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / Double(returns.count)
        guard downside > 0 else { return nil }
        return mean / downside.squareRoot() * daysPerYear.squareRoot()
    }
}
