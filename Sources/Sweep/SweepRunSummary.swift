public import Market
public import Results
import Statistics
import TradeEngine

/// What a sweep keeps of one run: the summary metrics `compare` prints, daily-return Sharpe and
/// Sortino, exposure time, per-strategy figures, the daily equity change (for the paired
/// bootstrap) and the result digest. Small: the run's records are released once it is taken.
public struct SweepRunSummary: Sendable {
    /// One strategy's booked figures in a run (as `v_strategy_by_mode`).
    public struct Strategy: Sendable, Hashable {
        public var strategyID: String
        public var positions = 0
        public var trades = 0
        public var wins = 0
        public var takeProfits = 0
        public var stopLosses = 0
        public var realized = Money.zero
        public var commission = Money.zero
        public var funding = Money.zero
        public var liquidationFee = Money.zero
        /// Realized − commission + funding − liquidation fee.
        public var net = Money.zero
    }

    /// Exchange-side net PnL: realized − fees + funding − liquidation fees (`net_pnl` of
    /// `v_mode_comparison`).
    public var net = Money.zero
    public var realized = Money.zero
    public var fees = Money.zero
    public var funding = Money.zero
    public var liquidationFees = Money.zero
    /// Final equity − initial balance (mark-to-market: includes open positions).
    public var equityChange = Money.zero
    public var positions = 0
    public var trades = 0
    public var wins = 0
    public var takeProfits = 0
    public var stopLosses = 0
    public var maxDrawdown = Money.zero
    /// Percent of the peak.
    public var maxDrawdownPercent = 0.0
    public var executed = 0
    public var rejected = 0
    /// Annualized (√365) mean over standard deviation of the daily returns; nil with fewer than
    /// two days or no variation.
    public var sharpe: Double?
    /// As `sharpe` with the downside deviation (returns below 0).
    public var sortino: Double?
    /// Share of equity samples with margin in use (a position open), 0…1.
    public var exposure = 0.0
    public var bars = 0
    public var resultDigest = ""
    /// Equity change per UTC day (day number since 1970, change since the previous day's last
    /// sample or the initial balance), in day order.
    public var days: [(day: Int64, net: Money)] = []
    /// By strategy id.
    public var strategies: [Strategy] = []

    /// Win rate in percent of trades, nil without trades.
    public func rate(_ count: Int, of total: Int) -> Double? { total > 0 ? 100 * Double(count) / Double(total) : nil }

    /// An empty summary (filled from a shard report's rows).
    init() {}

    /// Summarizes a finished run.
    public init(_ run: RunResult) {
        resultDigest = run.resultDigest
        bars = run.bars
        for record in run.fills {
            realized += record.fill.realizedPnL
            fees += record.fill.commission
            liquidationFees += record.fill.liquidationFee
        }
        for record in run.funding { funding += record.payment.amount }
        net = realized - fees + funding - liquidationFees
        equityChange = run.finalEquity - run.initialBalance
        for decision in run.decisions {
            if decision.status == "executed" {
                executed += 1
            } else if decision.status != "skipped" {
                rejected += 1
            }
        }
        var byStrategy: [Strategy] = []
        for position in run.strategyPositions {
            let index: Int
            if let found = byStrategy.firstIndex(where: { $0.strategyID == position.strategyID }) {
                index = found
            } else {
                byStrategy.append(Strategy(strategyID: position.strategyID))
                index = byStrategy.count - 1
            }
            let closed = position.status == .closed
            byStrategy[index].positions += 1
            if closed {
                byStrategy[index].trades += 1
                if position.realizedPnL.raw > 0 { byStrategy[index].wins += 1 }
                if position.closeReason == .takeProfit { byStrategy[index].takeProfits += 1 }
                if position.closeReason == .stopLoss { byStrategy[index].stopLosses += 1 }
            }
            byStrategy[index].realized += position.realizedPnL
            byStrategy[index].commission += position.commission
            byStrategy[index].funding += position.funding
            byStrategy[index].liquidationFee += position.liquidationFee
            byStrategy[index].net += position.netPnL
        }
        strategies = byStrategy.sorted { $0.strategyID < $1.strategyID }
        for s in strategies {
            positions += s.positions
            trades += s.trades
            wins += s.wins
            takeProfits += s.takeProfits
            stopLosses += s.stopLosses
        }
        var exposed = 0
        var previous = run.initialBalance
        var returns: [Double] = []
        for (k, sample) in run.equity.enumerated() {
            if sample.drawdown > maxDrawdown { maxDrawdown = sample.drawdown }
            maxDrawdownPercent = max(maxDrawdownPercent, sample.drawdownFraction * 100)
            if sample.margin.raw > 0 { exposed += 1 }
            let day = sample.time.dayNumber
            let lastOfDay = k + 1 == run.equity.count || run.equity[k + 1].time.dayNumber != day
            if lastOfDay {
                days.append((day, sample.equity - previous))
                if previous.raw > 0 { returns.append((sample.equity - previous).doubleValue / previous.doubleValue) }
                previous = sample.equity
            }
        }
        exposure = run.equity.isEmpty ? 0 : Double(exposed) / Double(run.equity.count)
        sharpe = ReturnRatios.sharpe(dailyReturns: returns)
        sortino = ReturnRatios.sortino(dailyReturns: returns)
    }
}
