import Backtest
import Foundation
public import Market
public import Reports
import Results

/// One point's statistics against the baseline (the `sweep_comparisons` row): the paired
/// difference of the daily equity change over the whole range, with the bootstrap interval and
/// p-values when computed (nil otherwise: NULL in the report).
public struct SweepComparison: Sendable, Hashable {
    public var pointID: Int
    /// Σ over days of (point − baseline) daily equity change.
    public var deltaNet: Money
    public var days: Int
    public var ciLow: Double?
    public var ciHigh: Double?
    public var pValue: Double?
    /// Holm-adjusted over every non-baseline point.
    public var pAdjusted: Double?

    public init(
        pointID: Int, deltaNet: Money, days: Int, ciLow: Double? = nil, ciHigh: Double? = nil, pValue: Double? = nil,
        pAdjusted: Double? = nil
    ) {
        self.pointID = pointID
        self.deltaNet = deltaNet
        self.days = days
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.pValue = pValue
        self.pAdjusted = pAdjusted
    }
}

/// The sweep report (docs/sweeps.md, "The report"): the sweep tables and views, written through
/// `ReportSession` so the file appears only once complete (a temporary file, then a rename; docs/guarantees.md).
public enum SweepReport {
    /// The sweep tables, in creation order.
    public static let tableNames = [
        "sweeps", "sweep_points", "sweep_runs", "sweep_strategy_runs", "sweep_run_days", "sweep_comparisons",
    ]

    /// The sweep views, in creation order.
    public static let viewNames = [
        "v_sweep_vs_baseline", "v_sweep_ranking", "v_sweep_by_window", "v_strategy_marginal",
    ]

    /// The column of a grid key in `sweep_points` (`engine.same_direction` → `engine_same_direction`).
    public static func column(of key: String) -> String { key.replacingOccurrences(of: ".", with: "_") }

    static let moneyColumns = ["net_pnl", "realized_pnl", "fees", "funding", "liquidation_fees", "equity_change"]

    static func schemaSQL(grid: [SweepSpec.Axis]) -> String {
        let money = moneyColumns.map { "\($0) REAL NOT NULL, \($0)_e8 INTEGER NOT NULL" }.joined(separator: ", ")
        let axes = grid.map { ", \(column(of: $0.key)) TEXT NOT NULL" }.joined()
        return """
            CREATE TABLE sweeps (sweep_id INTEGER PRIMARY KEY, sweep_file TEXT NOT NULL, spec_digest TEXT NOT NULL,
                data_digest TEXT NOT NULL, scenario TEXT NOT NULL, scenario_file TEXT NOT NULL,
                points INTEGER NOT NULL, strategy_sets INTEGER NOT NULL, windows INTEGER NOT NULL,
                runs INTEGER NOT NULL, bootstrap_resamples INTEGER NOT NULL, bootstrap_block_days INTEGER NOT NULL,
                bootstrap_seed INTEGER NOT NULL, engine_version TEXT NOT NULL);
            CREATE TABLE sweep_points (point_id INTEGER PRIMARY KEY, is_baseline INTEGER NOT NULL,
                label TEXT NOT NULL\(axes));
            CREATE TABLE sweep_runs (run_index INTEGER PRIMARY KEY, point_id INTEGER NOT NULL,
                strategy_set TEXT NOT NULL, window_index INTEGER NOT NULL, window_start TEXT NOT NULL,
                window_end TEXT NOT NULL, is_whole_range INTEGER NOT NULL, result_digest TEXT NOT NULL,
                bars INTEGER NOT NULL, \(money), positions INTEGER NOT NULL, trades INTEGER NOT NULL,
                wins INTEGER NOT NULL, win_rate_pct REAL, tp_hit_rate_pct REAL, sl_hit_rate_pct REAL,
                max_drawdown REAL NOT NULL, max_drawdown_e8 INTEGER NOT NULL, max_drawdown_pct REAL NOT NULL,
                executed INTEGER NOT NULL, rejected INTEGER NOT NULL, sharpe REAL, sortino REAL,
                exposure_pct REAL NOT NULL);
            CREATE INDEX sweep_runs_point ON sweep_runs (point_id, strategy_set, window_index);
            CREATE TABLE sweep_strategy_runs (run_index INTEGER NOT NULL, point_id INTEGER NOT NULL,
                strategy_set TEXT NOT NULL, window_index INTEGER NOT NULL, strategy_id TEXT NOT NULL,
                positions INTEGER NOT NULL, trades INTEGER NOT NULL, wins INTEGER NOT NULL, win_rate_pct REAL,
                tp_hit_rate_pct REAL, sl_hit_rate_pct REAL, realized_pnl REAL NOT NULL,
                realized_pnl_e8 INTEGER NOT NULL, commission REAL NOT NULL, commission_e8 INTEGER NOT NULL,
                funding REAL NOT NULL, funding_e8 INTEGER NOT NULL, liquidation_fee REAL NOT NULL,
                liquidation_fee_e8 INTEGER NOT NULL, net_pnl REAL NOT NULL, net_pnl_e8 INTEGER NOT NULL,
                PRIMARY KEY (run_index, strategy_id));
            CREATE TABLE sweep_run_days (run_index INTEGER NOT NULL, day TEXT NOT NULL, net REAL NOT NULL,
                net_e8 INTEGER NOT NULL, PRIMARY KEY (run_index, day));
            CREATE TABLE sweep_comparisons (point_id INTEGER PRIMARY KEY, baseline_point_id INTEGER NOT NULL,
                delta_net REAL NOT NULL, delta_net_e8 INTEGER NOT NULL, days INTEGER NOT NULL, ci_low REAL,
                ci_high REAL, p_value REAL, p_adjusted REAL);
            """
    }

    static let viewSQL = """
        CREATE VIEW v_sweep_vs_baseline AS
        SELECT p.point_id AS point_id, p.label AS label, p.is_baseline AS is_baseline,
            c.delta_net AS delta_net, c.ci_low AS ci_low, c.ci_high AS ci_high, c.p_value AS p_value,
            c.p_adjusted AS p_adjusted,
            (SELECT COUNT(*) FROM sweep_runs r JOIN sweep_runs b
                ON b.point_id = c.baseline_point_id AND b.strategy_set = 'all' AND b.window_index = r.window_index
                WHERE r.point_id = p.point_id AND r.strategy_set = 'all' AND r.is_whole_range = 0
                AND r.equity_change_e8 > b.equity_change_e8) AS windows_won,
            (SELECT COUNT(*) FROM sweep_runs r WHERE r.point_id = p.point_id AND r.strategy_set = 'all'
                AND r.is_whole_range = 0) AS windows,
            c.days AS days
        FROM sweep_points p LEFT JOIN sweep_comparisons c ON c.point_id = p.point_id
        ORDER BY p.point_id;
        CREATE VIEW v_sweep_ranking AS
        SELECT ROW_NUMBER() OVER (ORDER BY r.equity_change_e8 DESC, r.point_id) AS rank,
            r.point_id AS point_id, v.label AS label, v.is_baseline AS is_baseline, r.net_pnl AS net_pnl,
            r.equity_change AS equity_change, v.delta_net AS delta_net, v.ci_low AS ci_low, v.ci_high AS ci_high,
            v.p_value AS p_value, v.p_adjusted AS p_adjusted, v.windows_won AS windows_won, v.windows AS windows,
            r.max_drawdown AS max_drawdown, r.max_drawdown_pct AS max_drawdown_pct, r.sharpe AS sharpe,
            r.sortino AS sortino, r.trades AS trades, r.win_rate_pct AS win_rate_pct, r.exposure_pct AS exposure_pct
        FROM sweep_runs r JOIN v_sweep_vs_baseline v ON v.point_id = r.point_id
        WHERE r.strategy_set = 'all' AND r.is_whole_range = 1
        ORDER BY rank;
        CREATE VIEW v_sweep_by_window AS
        SELECT r.point_id AS point_id, r.window_index AS window_index, r.window_start AS window_start,
            r.window_end AS window_end, r.net_pnl AS net_pnl, r.equity_change AS equity_change,
            b.equity_change AS baseline_equity_change,
            (r.equity_change_e8 - b.equity_change_e8) / 1e8 AS delta_equity_change,
            r.equity_change_e8 > b.equity_change_e8 AS beats_baseline, r.max_drawdown AS max_drawdown,
            r.sharpe AS sharpe, r.trades AS trades
        FROM sweep_runs r
        JOIN sweep_points bp ON bp.is_baseline = 1
        JOIN sweep_runs b ON b.point_id = bp.point_id AND b.strategy_set = 'all' AND b.window_index = r.window_index
        WHERE r.strategy_set = 'all'
        ORDER BY r.point_id, r.window_index;
        CREATE VIEW v_strategy_marginal AS
        SELECT a.point_id AS point_id, s.strategy_id AS strategy_id, a.net_pnl AS portfolio_net,
            w.net_pnl AS net_without, (a.net_pnl_e8 - w.net_pnl_e8) / 1e8 AS marginal_contribution,
            s.net_pnl AS booked_net, (a.net_pnl_e8 - w.net_pnl_e8 - s.net_pnl_e8) / 1e8 AS interaction_effect
        FROM sweep_runs a
        JOIN sweep_strategy_runs s ON s.run_index = a.run_index
        JOIN sweep_runs w ON w.point_id = a.point_id AND w.window_index = a.window_index
            AND w.strategy_set = 'without:' || s.strategy_id
        WHERE a.strategy_set = 'all' AND a.is_whole_range = 1
        ORDER BY a.point_id, s.strategy_id;
        """

    /// The paired differences against the baseline without statistics: Σ daily differences of
    /// each point's whole-range run with every strategy.
    public static func differences(
        _ outcome: SweepOutcome
    ) -> [(pointID: Int, days: [Int64], point: [Money], baseline: [Money])] {
        let plan = outcome.plan
        func wholeRange(_ point: Int) -> SweepRunSummary {
            let index = plan.runs.firstIndex { $0.point == point && $0.strategySet == 0 && $0.window == 0 }!
            return outcome.runs[index]
        }
        let baseline = wholeRange(plan.baselineIndex)
        return plan.points.indices.map { p in
            let run = wholeRange(p)
            // The same days (a day either run lacks counts as no change).
            var days = Array(Set(run.days.map(\.day)).union(baseline.days.map(\.day)))
            days.sort()
            func net(_ summary: SweepRunSummary, _ day: Int64) -> Money {
                summary.days.first { $0.day == day }?.net ?? .zero
            }
            return (plan.points[p].id, days, days.map { net(run, $0) }, days.map { net(baseline, $0) })
        }
    }

    /// The finishing step of every sweep report, whether its runs were simulated here
    /// (`hedgesim sweep`) or read from shard reports (`hedgesim sweep merge`): the statistics
    /// from the run summaries, then the report at `path`, atomically.
    ///
    /// - Parameters:
    ///   - wait: Wait for another writer's lock on `path` instead of failing.
    ///   - isCancelled: Asked while waiting for the lock.
    /// - Throws: `ReportError`.
    public static func build(
        _ outcome: SweepOutcome, to path: String, wait: Bool = false, isCancelled: () -> Bool = { false }
    ) throws(ReportError) {
        let comparisons = SweepStatistics.comparisons(outcome)
        let output: OutputFile
        do throws(OutputFileError) {
            output = try OutputFile(path: path, role: "report", wait: wait, isCancelled: isCancelled)
        } catch {
            throw ReportError(error)
        }
        try write(outcome, comparisons: comparisons, to: path, output: output)
    }

    /// Writes the report at `path` atomically.
    ///
    /// - Parameter output: `path`'s output file, already opened and locked; nil opens it here.
    /// - Throws: `ReportError`.
    public static func write(
        _ outcome: SweepOutcome, comparisons: [SweepComparison], to path: String, output: OutputFile? = nil
    )
        throws(ReportError)
    {
        let session = try ReportSession(path: path, output: output)
        let spec = outcome.spec
        let plan = outcome.plan
        try session.execute("BEGIN;\n" + schemaSQL(grid: spec.grid) + "\nCOMMIT;")
        try session.insert(
            into: "sweeps",
            columns: [
                "sweep_id", "sweep_file", "spec_digest", "data_digest", "scenario", "scenario_file", "points",
                "strategy_sets", "windows", "runs", "bootstrap_resamples", "bootstrap_block_days", "bootstrap_seed",
                "engine_version",
            ],
            rows: [
                [
                    .integer(1), .text(spec.file), .text(spec.digest), .text(outcome.dataDigest),
                    .text(outcome.scenarioName), .text(spec.scenarioPath), int(plan.points.count),
                    int(plan.strategySets.count), int(plan.windows.count), int(plan.runs.count),
                    int(spec.bootstrap.resamples), int(spec.bootstrap.blockDays),
                    .integer(Int64(bitPattern: spec.bootstrap.seed)), .text(HedgesimVersion.current),
                ]
            ])
        try session.insert(
            into: "sweep_points", columns: ["point_id", "is_baseline", "label"] + spec.grid.map { column(of: $0.key) },
            rows: plan.points.map { p in
                [int(p.id), int(p.isBaseline ? 1 : 0), .text(p.label)] + p.values.map { .text($0) }
            })
        var runRows: [[ReportValue]] = []
        var strategyRows: [[ReportValue]] = []
        var dayRows: [[ReportValue]] = []
        for (run, summary) in zip(plan.runs, outcome.runs) {
            let window = plan.windows[run.window]
            let key: [ReportValue] = [
                int(run.runIndex), int(plan.points[run.point].id), .text(plan.strategySets[run.strategySet]),
                int(window.index),
            ]
            let s = summary
            runRows.append(
                key + [
                    .text(window.start.iso8601), .text(window.end.iso8601), int(window.isWholeRange ? 1 : 0),
                    .text(s.resultDigest), int(s.bars),
                ]
                    + [s.net, s.realized, s.fees, s.funding, s.liquidationFees, s.equityChange].flatMap(money)
                    + [int(s.positions), int(s.trades), int(s.wins)]
                    + [s.wins, s.takeProfits, s.stopLosses].map { real(s.rate($0, of: s.trades)) }
                    + money(s.maxDrawdown) + [
                        .real(s.maxDrawdownPercent), int(s.executed), int(s.rejected), real(s.sharpe),
                        real(s.sortino), .real(s.exposure * 100),
                    ])
            for t in s.strategies {
                strategyRows.append(
                    [key[0], key[1], key[2], key[3], .text(t.strategyID), int(t.positions), int(t.trades), int(t.wins)]
                        + [t.wins, t.takeProfits, t.stopLosses].map { real(s.rate($0, of: t.trades)) }
                        + [t.realized, t.commission, t.funding, t.liquidationFee, t.net].flatMap(money))
            }
            for day in s.days {
                dayRows.append(
                    [key[0], .text(String(Timestamp(milliseconds: day.day * 86_400_000).iso8601.prefix(10)))]
                        + money(day.net))
            }
        }
        try session.insert(
            into: "sweep_runs",
            columns: [
                "run_index", "point_id", "strategy_set", "window_index", "window_start", "window_end",
                "is_whole_range", "result_digest", "bars",
            ] + moneyColumns.flatMap { [$0, $0 + "_e8"] } + [
                "positions", "trades", "wins", "win_rate_pct", "tp_hit_rate_pct", "sl_hit_rate_pct",
                "max_drawdown", "max_drawdown_e8", "max_drawdown_pct", "executed", "rejected", "sharpe", "sortino",
                "exposure_pct",
            ], rows: runRows)
        try session.insert(
            into: "sweep_strategy_runs",
            columns: [
                "run_index", "point_id", "strategy_set", "window_index", "strategy_id", "positions", "trades", "wins",
                "win_rate_pct", "tp_hit_rate_pct", "sl_hit_rate_pct", "realized_pnl", "realized_pnl_e8", "commission",
                "commission_e8", "funding", "funding_e8", "liquidation_fee", "liquidation_fee_e8", "net_pnl",
                "net_pnl_e8",
            ], rows: strategyRows)
        try session.insert(into: "sweep_run_days", columns: ["run_index", "day", "net", "net_e8"], rows: dayRows)
        let baselineID = plan.points[plan.baselineIndex].id
        try session.insert(
            into: "sweep_comparisons",
            columns: [
                "point_id", "baseline_point_id", "delta_net", "delta_net_e8", "days", "ci_low", "ci_high", "p_value",
                "p_adjusted",
            ],
            rows: comparisons.map { c in
                [int(c.pointID), int(baselineID)] + money(c.deltaNet) + [
                    int(c.days), real(c.ciLow), real(c.ciHigh), real(c.pValue), real(c.pAdjusted),
                ]
            })
        try session.execute("BEGIN;\n" + viewSQL + "\nCOMMIT;")
        try session.finish()
    }

    private static func int(_ value: Int) -> ReportValue { .integer(Int64(value)) }
    private static func real(_ value: Double?) -> ReportValue { value.map { .real($0) } ?? .null }
    private static func money(_ value: Money) -> [ReportValue] { [.real(value.doubleValue), .integer(value.raw)] }
}

extension SweepReport {
    /// True when `path` is a sweep report (it has the `sweeps` table).
    ///
    /// - Throws: `ReportError` when the file is missing or not a hedgesim report.
    public static func isSweepReport(_ path: String) throws(ReportError) -> Bool {
        let db = try ReportDatabase(path: path)
        return try db.query("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sweeps'").value(
            0, "COUNT(*)"
        ).int == 1
    }

    /// Refuses a sweep report where a command reads run reports only (`hedgesim export`).
    ///
    /// - Throws: `ReportError(.usage)` naming the file and where its tables are described.
    public static func refuse(_ path: String, command: String) throws(ReportError) {
        guard try isSweepReport(path) else { return }
        throw ReportError(
            .usage,
            "\(path): a sweep report; `hedgesim \(command)` reads run reports only (query its sweep tables and "
                + "views with sqlite3, docs/sweeps.md)")
    }
}
