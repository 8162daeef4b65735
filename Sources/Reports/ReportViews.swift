/// The analytics views: the live `strategy_performance` and `contribution_summary` (§5.4), one
/// view per analytics query of §5.5, and the run-comparison views. Every view has `run_id`.
///
/// Money sums add the exact `_e8` integers and divide once by 1e8. Durations come from the ISO
/// times through `julianday`, rounded to whole milliseconds. The SQL runs on SQLite 3.25+ (window
/// functions); nothing needs an extension.
enum ReportViews {
    static let all: [ReportViewDefinition] = [
        strategyPerformance, contributionSummary,
        strategyStatistics, winRateProfitFactor, tpSlHitRates, tpVsSl, contributionSummaryQuery,
        multiStrategyPositions, contributionTimeline, exchangePositionSummary, openVsClosedPositions, dailyPnL,
        bestWorstTrades, strategyComparison, performanceBySymbol, contributionAttribution, strategyCorrelation,
        signalOutcomes, modeComparison, strategyByMode,
    ]

    // MARK: Expressions

    /// Seconds from `a` to `b` (ISO text), exact to the millisecond.
    static func seconds(_ a: String, _ b: String) -> String {
        "(ROUND((julianday(\(b)) - julianday(\(a))) * 86400000.0) / 1000.0)"
    }

    /// Minutes from `a` to `b`.
    static func minutes(_ a: String, _ b: String) -> String {
        "(ROUND((julianday(\(b)) - julianday(\(a))) * 86400000.0) / 60000.0)"
    }

    /// The exact decimal text of an `_e8` integer expression (`-12.5`, `0`, `100`).
    static func decimalText(_ e8: String) -> String {
        "(CASE WHEN \(e8) < 0 THEN '-' ELSE '' END || rtrim(rtrim(printf('%d.%08d', abs(\(e8)) / 100000000, "
            + "abs(\(e8)) % 100000000), '0'), '.'))"
    }

    /// `100 × count(condition) / count(*)`.
    static func percent(_ condition: String) -> String {
        "100.0 * SUM(\(condition)) / COUNT(*)"
    }

    static let pnl = "realized_pnl_e8"

    // MARK: §5.4

    /// Live `strategy_performance`, with the `open_positions` quirk fixed: live filters
    /// `WHERE status = 'closed'` and then counts open rows, so it always reports 0. Here the counts
    /// cover every position and the PnL metrics cover closed positions, as live intends.
    static let strategyPerformance = ReportViewDefinition(
        name: "strategy_performance",
        select: """
            SELECT run_id, strategy_id,
                COUNT(*) AS total_positions,
                SUM(status = 'closed') AS closed_positions,
                SUM(status IN ('open', 'partial')) AS open_positions,
                SUM(status = 'closed_externally') AS closed_externally_positions,
                SUM(status = 'closed' AND close_reason = 'take_profit') AS tp_hits,
                SUM(status = 'closed' AND close_reason = 'stop_loss') AS sl_hits,
                SUM(status = 'closed' AND \(pnl) > 0) AS winning_trades,
                SUM(status = 'closed' AND \(pnl) < 0) AS losing_trades,
                AVG(CASE WHEN status = 'closed' THEN \(pnl) END) / 1e8 AS avg_pnl,
                SUM(CASE WHEN status = 'closed' THEN \(pnl) ELSE 0 END) / 1e8 AS total_pnl,
                AVG(CASE WHEN status = 'closed' THEN realized_pnl_pct END) AS avg_pnl_pct,
                AVG(CASE WHEN status = 'closed' THEN \(seconds("entry_time", "exit_time")) END) AS avg_duration_seconds
            FROM strategy_positions
            GROUP BY run_id, strategy_id
            """,
        order: "run_id, strategy_id")

    /// Live `contribution_summary`: closed contributions per strategy, symbol and side.
    static let contributionSummary = ReportViewDefinition(
        name: "contribution_summary",
        select: contributionSummarySelect,
        order: "run_id, strategy_id, symbol, position_side")

    static let contributionSummarySelect = """
        SELECT run_id, strategy_id, symbol, position_side,
            COUNT(*) AS total_contributions,
            SUM(contribution_quantity_e8) / 1e8 AS total_quantity_contributed,
            AVG(contribution_entry_price_e8) / 1e8 AS avg_entry_price,
            SUM(contribution_pnl_e8) / 1e8 AS total_pnl_from_contributions,
            AVG(contribution_pnl_pct) AS avg_pnl_pct
        FROM position_contributions
        WHERE status = 'closed'
        GROUP BY run_id, strategy_id, symbol, position_side
        """

    // MARK: §5.5 (all strategy-position queries cover status = 'closed')

    /// 1. Overall strategy statistics.
    static let strategyStatistics = ReportViewDefinition(
        name: "v_strategy_statistics",
        select: """
            SELECT run_id, strategy_id,
                COUNT(*) AS total_positions,
                SUM(close_reason = 'take_profit') AS tp_hits,
                SUM(close_reason = 'stop_loss') AS sl_hits,
                SUM(\(pnl) > 0) AS winning_trades,
                SUM(\(pnl) < 0) AS losing_trades,
                AVG(\(pnl)) / 1e8 AS avg_pnl,
                SUM(\(pnl)) / 1e8 AS total_pnl,
                AVG(realized_pnl_pct) AS avg_pnl_pct,
                AVG(\(minutes("entry_time", "exit_time"))) AS avg_duration_minutes
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id
            """,
        order: "run_id, total_pnl DESC, strategy_id")

    /// 2. Win rate and profit factor (NULL without losses).
    static let winRateProfitFactor = ReportViewDefinition(
        name: "v_win_rate_profit_factor",
        select: """
            SELECT run_id, strategy_id,
                COUNT(*) AS total_trades,
                SUM(\(pnl) > 0) AS wins,
                SUM(\(pnl) < 0) AS losses,
                \(percent("\(pnl) > 0")) AS win_rate_pct,
                SUM(CASE WHEN \(pnl) > 0 THEN \(pnl) ELSE 0 END) / 1e8 AS total_profit,
                -SUM(CASE WHEN \(pnl) < 0 THEN \(pnl) ELSE 0 END) / 1e8 AS total_loss,
                CASE WHEN SUM(\(pnl) < 0) > 0
                    THEN 1.0 * SUM(CASE WHEN \(pnl) > 0 THEN \(pnl) ELSE 0 END)
                        / -SUM(CASE WHEN \(pnl) < 0 THEN \(pnl) ELSE 0 END)
                END AS profit_factor
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id
            """,
        order: "run_id, profit_factor DESC, strategy_id")

    /// 3. TP and SL hit rates per strategy, symbol and side.
    static let tpSlHitRates = ReportViewDefinition(
        name: "v_tp_sl_hit_rates",
        select: """
            SELECT run_id, strategy_id, symbol, side,
                COUNT(*) AS total_closes,
                SUM(close_reason = 'take_profit') AS tp_count,
                SUM(close_reason = 'stop_loss') AS sl_count,
                SUM(close_reason = 'manual') AS manual_count,
                \(percent("close_reason = 'take_profit'")) AS tp_hit_rate_pct,
                \(percent("close_reason = 'stop_loss'")) AS sl_hit_rate_pct,
                AVG(CASE WHEN close_reason = 'take_profit' THEN \(pnl) END) / 1e8 AS avg_tp_pnl,
                AVG(CASE WHEN close_reason = 'stop_loss' THEN \(pnl) END) / 1e8 AS avg_sl_pnl
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id, symbol, side
            """,
        order: "run_id, strategy_id, symbol, side")

    /// 4. TP vs SL per close reason; live takes a strategy id parameter, here filter by column:
    /// `SELECT * FROM v_tp_vs_sl WHERE strategy_id = 'momentum'`.
    static let tpVsSl = ReportViewDefinition(
        name: "v_tp_vs_sl",
        select: """
            SELECT run_id, strategy_id, close_reason,
                COUNT(*) AS trade_count,
                AVG(\(pnl)) / 1e8 AS avg_pnl,
                SUM(\(pnl)) / 1e8 AS total_pnl,
                AVG(realized_pnl_pct) AS avg_pnl_pct,
                AVG(\(minutes("entry_time", "exit_time"))) AS avg_duration_minutes
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id, close_reason
            """,
        order: "run_id, strategy_id, close_reason")

    /// 5. Contribution summary (live rounds Σ quantity to 6 places; exact here).
    static let contributionSummaryQuery = ReportViewDefinition(
        name: "v_contribution_summary",
        select: contributionSummarySelect,
        order: "run_id, strategy_id, symbol, position_side")

    /// 6. Exchange position lifecycles with more than one contributing strategy, the strategies in
    /// order of their first contribution.
    static let multiStrategyPositions = ReportViewDefinition(
        name: "v_multi_strategy_positions",
        select: """
            WITH firsts AS (
                SELECT run_id, lifecycle_id, strategy_id, MIN(position_sequence) AS first_sequence
                FROM position_contributions
                GROUP BY run_id, lifecycle_id, strategy_id
            ), lists AS (
                SELECT run_id, lifecycle_id,
                    COUNT(*) OVER w AS strategy_count,
                    group_concat(strategy_id, ',') OVER w AS strategies,
                    ROW_NUMBER() OVER (PARTITION BY run_id, lifecycle_id ORDER BY first_sequence) AS group_row
                FROM firsts
                WINDOW w AS (PARTITION BY run_id, lifecycle_id ORDER BY first_sequence
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            ), totals AS (
                SELECT run_id, lifecycle_id, exchange_position_key, symbol, position_side,
                    COUNT(*) AS contribution_count,
                    SUM(contribution_quantity_e8) AS quantity_e8,
                    SUM(contribution_pnl_e8) AS pnl_e8
                FROM position_contributions
                GROUP BY run_id, lifecycle_id
            )
            SELECT t.run_id AS run_id, t.exchange_position_key AS exchange_position_key, t.lifecycle_id AS lifecycle_id,
                t.symbol AS symbol, t.position_side AS side,
                l.strategy_count, l.strategies,
                t.quantity_e8 / 1e8 AS total_quantity,
                t.pnl_e8 / 1e8 AS total_pnl,
                t.contribution_count
            FROM totals t
            JOIN lists l ON l.run_id = t.run_id AND l.lifecycle_id = t.lifecycle_id AND l.group_row = 1
            WHERE l.strategy_count > 1
            """,
        order: "run_id, lifecycle_id")

    /// 7. Contribution timeline; filter by key or lifecycle:
    /// `SELECT * FROM v_contribution_timeline WHERE exchange_position_key = 'BTCUSDT_LONG'`.
    static let contributionTimeline = ReportViewDefinition(
        name: "v_contribution_timeline",
        select: """
            SELECT run_id, exchange_position_key, lifecycle_id, position_sequence, contribution_id,
                strategy_position_id, strategy_id, contribution_quantity, contribution_entry_price, contribution_time,
                exchange_quantity_before, exchange_quantity_after, status, contribution_pnl, close_reason, exit_time
            FROM position_contributions
            """,
        order: "run_id, exchange_position_key, lifecycle_id, position_sequence")

    /// 8. Exchange position lifecycles, latest update first.
    static let exchangePositionSummary = ReportViewDefinition(
        name: "v_exchange_position_summary",
        select: """
            SELECT run_id, exchange_position_key, lifecycle_id, symbol, side, status,
                current_quantity, peak_quantity, weighted_avg_price, total_contributions, contributing_strategies,
                realized_pnl, commission, funding, liquidation_fee, net_pnl, unrealized_pnl, liquidated,
                ambiguous_fills, first_entry_time, last_update_time, closed_time,
                \(minutes("first_entry_time", "last_update_time")) AS duration_minutes
            FROM exchange_positions
            """,
        order: "run_id, last_update_time DESC, lifecycle_id")

    /// 9. Open vs closed exchange positions per symbol and side. `avg_quantity` is the current
    /// quantity as live has it (0 for a closed lifecycle); `avg_peak_quantity` is the size reached.
    static let openVsClosedPositions = ReportViewDefinition(
        name: "v_open_vs_closed_positions",
        select: """
            SELECT run_id, symbol, side, status,
                COUNT(*) AS position_count,
                AVG(current_quantity_e8) / 1e8 AS avg_quantity,
                AVG(peak_quantity_e8) / 1e8 AS avg_peak_quantity,
                AVG(weighted_avg_price_e8) / 1e8 AS avg_price,
                AVG(total_contributions) AS avg_contributions
            FROM exchange_positions
            GROUP BY run_id, symbol, side, status
            """,
        order: "run_id, symbol, side, status")

    /// 10. Daily PnL per strategy (UTC day of the exit). Live keeps the last 30 days before now;
    /// a backtest keeps every day.
    static let dailyPnL = ReportViewDefinition(
        name: "v_daily_pnl",
        select: """
            SELECT run_id, substr(exit_time, 1, 10) AS trade_date, strategy_id,
                COUNT(*) AS trades,
                SUM(\(pnl) > 0) AS wins,
                SUM(\(pnl)) / 1e8 AS daily_pnl,
                AVG(realized_pnl_pct) AS avg_return_pct
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, trade_date, strategy_id
            """,
        order: "run_id, trade_date, strategy_id")

    /// 11. The ten best and ten worst closed trades of each run (ties: the older position first).
    static let bestWorstTrades = ReportViewDefinition(
        name: "v_best_worst_trades",
        select: """
            WITH ranked AS (
                SELECT *,
                    ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY \(pnl) DESC, seq) AS best_rank,
                    ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY \(pnl) ASC, seq) AS worst_rank
                FROM strategy_positions
                WHERE status = 'closed'
            )
            SELECT run_id, 'BEST' AS trade_type, best_rank AS trade_rank, strategy_position_id, strategy_id, symbol,
                side, entry_price, exit_price, realized_pnl, realized_pnl_pct, close_reason, exit_time
            FROM ranked WHERE best_rank <= 10
            UNION ALL
            SELECT run_id, 'WORST' AS trade_type, worst_rank AS trade_rank, strategy_position_id, strategy_id, symbol,
                side, entry_price, exit_price, realized_pnl, realized_pnl_pct, close_reason, exit_time
            FROM ranked WHERE worst_rank <= 10
            """,
        order: "run_id, trade_type, trade_rank")

    /// 12. Strategy comparison matrix.
    static let strategyComparison = ReportViewDefinition(
        name: "v_strategy_comparison",
        select: """
            SELECT run_id, strategy_id,
                COUNT(*) AS total_trades,
                \(percent("\(pnl) > 0")) AS win_rate_pct,
                SUM(\(pnl)) / 1e8 AS total_pnl,
                AVG(\(pnl)) / 1e8 AS avg_pnl_per_trade,
                MAX(\(pnl)) / 1e8 AS best_trade,
                MIN(\(pnl)) / 1e8 AS worst_trade,
                \(percent("close_reason = 'take_profit'")) AS tp_hit_rate_pct,
                AVG(\(minutes("entry_time", "exit_time"))) AS avg_duration_minutes
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id
            """,
        order: "run_id, total_pnl DESC, strategy_id")

    /// 13. Performance by symbol and side, for groups of at least five trades (as live).
    static let performanceBySymbol = ReportViewDefinition(
        name: "v_performance_by_symbol",
        select: """
            SELECT run_id, strategy_id, symbol, side,
                COUNT(*) AS trades,
                \(percent("\(pnl) > 0")) AS win_rate_pct,
                SUM(\(pnl)) / 1e8 AS total_pnl,
                AVG(realized_pnl_pct) AS avg_pnl_pct
            FROM strategy_positions
            WHERE status = 'closed'
            GROUP BY run_id, strategy_id, symbol, side
            HAVING COUNT(*) >= 5
            """,
        order: "run_id, total_pnl DESC, strategy_id, symbol, side")

    /// 14. Attribution per exchange position lifecycle: `strategy: $pnl | …` in contribution
    /// order, exact decimals.
    static let contributionAttribution = ReportViewDefinition(
        name: "v_contribution_attribution",
        select: """
            WITH parts AS (
                SELECT run_id, lifecycle_id, position_sequence, contribution_pnl_e8,
                    strategy_id || ': $' || \(decimalText("contribution_pnl_e8")) AS part
                FROM position_contributions
                WHERE status = 'closed'
            ), joined AS (
                SELECT run_id, lifecycle_id,
                    COUNT(*) OVER w AS contribution_count,
                    group_concat(part, ' | ') OVER w AS attribution,
                    SUM(contribution_pnl_e8) OVER w AS pnl_e8,
                    ROW_NUMBER() OVER (PARTITION BY run_id, lifecycle_id ORDER BY position_sequence) AS group_row
                FROM parts
                WINDOW w AS (PARTITION BY run_id, lifecycle_id ORDER BY position_sequence
                    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
            )
            SELECT ep.run_id AS run_id, ep.exchange_position_key AS exchange_position_key, ep.lifecycle_id AS lifecycle_id,
                ep.symbol AS symbol, ep.side AS side, ep.status AS status,
                COALESCE(j.contribution_count, 0) AS contribution_count,
                j.attribution,
                COALESCE(j.pnl_e8, 0) / 1e8 AS total_attributed_pnl,
                ep.realized_pnl AS exchange_realized_pnl,
                ep.current_quantity AS remaining_quantity,
                ep.weighted_avg_price
            FROM exchange_positions ep
            LEFT JOIN joined j ON j.run_id = ep.run_id AND j.lifecycle_id = ep.lifecycle_id AND j.group_row = 1
            """,
        order: "run_id, lifecycle_id")

    /// 15. Pairs of strategies entering the same key within five minutes of each other, at least
    /// three times.
    static let strategyCorrelation = ReportViewDefinition(
        name: "v_strategy_correlation",
        select: """
            WITH pairs AS (
                SELECT a.run_id, a.strategy_id AS strategy_1, b.strategy_id AS strategy_2,
                    ABS(ROUND((julianday(a.contribution_time) - julianday(b.contribution_time)) * 86400000.0))
                        AS gap_ms
                FROM position_contributions a
                JOIN position_contributions b
                    ON b.run_id = a.run_id AND b.exchange_position_key = a.exchange_position_key
                    AND b.symbol = a.symbol AND a.strategy_id < b.strategy_id
            )
            SELECT run_id, strategy_1, strategy_2,
                COUNT(*) AS simultaneous_entries,
                AVG(gap_ms) / 1000.0 AS avg_time_diff_seconds
            FROM pairs
            WHERE gap_ms <= 300000
            GROUP BY run_id, strategy_1, strategy_2
            HAVING COUNT(*) >= 3
            """,
        order: "run_id, simultaneous_entries DESC, strategy_1, strategy_2")

    // MARK: Signals and comparison

    /// What became of the signals: counts per stage, status and reason.
    static let signalOutcomes = ReportViewDefinition(
        name: "v_signal_outcomes",
        select: """
            SELECT run_id, stage, status, reason, COUNT(*) AS signal_count
            FROM signal_decisions
            GROUP BY run_id, stage, status, reason
            """,
        order: "run_id, signal_count DESC, stage, status, reason")

    /// One row per run: the settings it varies and its results. Money is exchange truth (fills,
    /// funding); `strategy_realized_pnl` is the strategies' own sum, which differs from
    /// `exchange_realized_pnl` when exits are misattributed (live_compat).
    static let modeComparison = ReportViewDefinition(
        name: "v_mode_comparison",
        select: """
            WITH sp AS (
                SELECT run_id,
                    COUNT(*) AS positions,
                    SUM(status = 'closed') AS trades,
                    SUM(status = 'closed' AND \(pnl) > 0) AS wins,
                    SUM(status = 'closed' AND close_reason = 'take_profit') AS tp_hits,
                    SUM(status = 'closed' AND close_reason = 'stop_loss') AS sl_hits,
                    SUM(status = 'closed_externally') AS closed_externally,
                    SUM(\(pnl)) AS realized_e8
                FROM strategy_positions GROUP BY run_id
            ), f AS (
                SELECT run_id, COUNT(*) AS fills, SUM(realized_pnl_e8) AS realized_e8, SUM(commission_e8) AS fees_e8,
                    SUM(liquidation_fee_e8) AS liquidation_e8, SUM(ambiguous) AS ambiguous_fills
                FROM fills GROUP BY run_id
            ), fp AS (
                SELECT run_id, SUM(amount_e8) AS funding_e8 FROM funding_payments GROUP BY run_id
            ), eq AS (
                SELECT run_id, MAX(drawdown_e8) AS drawdown_e8, MAX(drawdown_pct) AS drawdown_pct
                FROM equity GROUP BY run_id
            ), sd AS (
                SELECT run_id,
                    SUM(status = 'executed') AS executed,
                    SUM(status NOT IN ('executed', 'skipped')) AS rejected,
                    SUM(status = 'skipped') AS skipped
                FROM signal_decisions GROUP BY run_id
            )
            SELECT r.run_id AS run_id, r.label, r.same_direction, r.protection, r.position_mode, r.price_path,
                r.fill_reference,
                COALESCE(sp.positions, 0) AS positions,
                COALESCE(sp.trades, 0) AS trades,
                COALESCE(sp.wins, 0) AS wins,
                CASE WHEN sp.trades > 0 THEN 100.0 * sp.wins / sp.trades END AS win_rate_pct,
                CASE WHEN sp.trades > 0 THEN 100.0 * sp.tp_hits / sp.trades END AS tp_hit_rate_pct,
                CASE WHEN sp.trades > 0 THEN 100.0 * sp.sl_hits / sp.trades END AS sl_hit_rate_pct,
                COALESCE(sp.closed_externally, 0) AS closed_externally,
                COALESCE(sp.realized_e8, 0) / 1e8 AS strategy_realized_pnl,
                COALESCE(f.realized_e8, 0) / 1e8 AS exchange_realized_pnl,
                COALESCE(f.fees_e8, 0) / 1e8 AS fees,
                COALESCE(fp.funding_e8, 0) / 1e8 AS funding,
                COALESCE(f.liquidation_e8, 0) / 1e8 AS liquidation_fees,
                (COALESCE(f.realized_e8, 0) - COALESCE(f.fees_e8, 0) + COALESCE(fp.funding_e8, 0)
                    - COALESCE(f.liquidation_e8, 0)) / 1e8 AS net_pnl,
                r.final_equity,
                (r.final_equity_e8 - r.initial_balance_e8) / 1e8 AS equity_change,
                COALESCE(eq.drawdown_e8, 0) / 1e8 AS max_drawdown,
                COALESCE(eq.drawdown_pct, 0) AS max_drawdown_pct,
                COALESCE(f.fills, 0) AS fills,
                COALESCE(f.ambiguous_fills, 0) AS ambiguous_fills,
                COALESCE(sd.executed, 0) AS signals_executed,
                COALESCE(sd.rejected, 0) AS signals_rejected,
                COALESCE(sd.skipped, 0) AS signals_skipped
            FROM runs r
            LEFT JOIN sp ON sp.run_id = r.run_id
            LEFT JOIN f ON f.run_id = r.run_id
            LEFT JOIN fp ON fp.run_id = r.run_id
            LEFT JOIN eq ON eq.run_id = r.run_id
            LEFT JOIN sd ON sd.run_id = r.run_id
            """,
        order: "run_id")

    /// Per strategy and run: positions, trades, rates and money (all statuses for money, closed
    /// positions for the rates).
    static let strategyByMode = ReportViewDefinition(
        name: "v_strategy_by_mode",
        select: """
            SELECT r.run_id AS run_id, r.label AS label, r.same_direction AS same_direction, r.protection AS protection,
                sp.strategy_id AS strategy_id,
                COUNT(*) AS positions,
                SUM(sp.status = 'closed') AS trades,
                SUM(sp.status = 'closed' AND sp.\(pnl) > 0) AS wins,
                SUM(sp.status = 'closed' AND sp.close_reason = 'take_profit') AS tp_hits,
                SUM(sp.status = 'closed' AND sp.close_reason = 'stop_loss') AS sl_hits,
                CASE WHEN SUM(sp.status = 'closed') > 0
                    THEN 100.0 * SUM(sp.status = 'closed' AND sp.\(pnl) > 0) / SUM(sp.status = 'closed') END
                    AS win_rate_pct,
                CASE WHEN SUM(sp.status = 'closed') > 0
                    THEN 100.0 * SUM(sp.status = 'closed' AND sp.close_reason = 'take_profit')
                        / SUM(sp.status = 'closed') END AS tp_hit_rate_pct,
                CASE WHEN SUM(sp.status = 'closed') > 0
                    THEN 100.0 * SUM(sp.status = 'closed' AND sp.close_reason = 'stop_loss')
                        / SUM(sp.status = 'closed') END AS sl_hit_rate_pct,
                SUM(sp.\(pnl)) / 1e8 AS realized_pnl,
                SUM(sp.commission_total_e8) / 1e8 AS commission,
                SUM(sp.funding_e8) / 1e8 AS funding,
                SUM(sp.liquidation_fee_e8) / 1e8 AS liquidation_fee,
                SUM(sp.net_pnl_e8) / 1e8 AS net_pnl,
                SUM(COALESCE(sp.unrealized_pnl_e8, 0)) / 1e8 AS unrealized_pnl
            FROM strategy_positions sp
            JOIN runs r ON r.run_id = sp.run_id
            GROUP BY r.run_id, sp.strategy_id
            """,
        order: "run_id, strategy_id")
}
