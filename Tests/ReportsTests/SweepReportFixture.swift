import Foundation
import Reports

/// A hand-made sweep report with hand-computable figures: the objects the sweep page and the
/// export read, by their documented columns (`sweeps`, `sweep_points`, `v_sweep_ranking`,
/// `v_sweep_by_window`, `v_strategy_marginal`; the three `v_` objects are plain tables here, so
/// the figures are exactly those below), plus one real view.
///
/// Grid (first key slowest): `engine.same_direction` [accumulate, reject_duplicates] ×
/// `engine.reentry_cooldown` [0s, 60s] × `protection` [per_strategy, live_compat] ×
/// `exchange.taker_fee` [0.0004] (one value: not varied). Point 1 is the baseline. Equity change
/// per point: −100, −40, 20, −160, 60, 0, 140, −80; Δ = equity change + 100; net = equity change −
/// 10. The two strategies' ids carry markup, quotes and `&` (ids come from input files).
enum SweepReportFixture {
    static let strategies = ["mom<script>alert(1)</script>", "a&b \"q\" 'x'"]
    static let equity: [Double] = [-100, -40, 20, -160, 60, 0, 140, -80]

    struct Point {
        var id: Int
        var values: [String]
        var equity: Double
        var delta: Double { equity + 100 }
        var net: Double { equity - 10 }
        var label: String {
            zip(["engine.same_direction", "engine.reentry_cooldown", "protection", "exchange.taker_fee"], values)
                .map { "\($0)=\($1)" }.joined(separator: " ")
        }
    }

    static var points: [Point] {
        var out: [Point] = []
        for direction in ["accumulate", "reject_duplicates"] {
            for cooldown in ["0s", "60s"] {
                for protection in ["per_strategy", "live_compat"] {
                    let id = out.count + 1
                    out.append(
                        Point(id: id, values: [direction, cooldown, protection, "0.0004"], equity: equity[id - 1]))
                }
            }
        }
        return out
    }

    /// The per-strategy comparisons of `withStrategies` (point, strategy, net, baseline net):
    /// Δ = net − baseline net, 95 % CI Δ ± 30, p = 0.02 × point, p (Holm) = min(1, 0.1 × point).
    static var strategyRows: [(point: Int, strategy: String, net: Double, baselineNet: Double)] {
        points.filter { $0.id != 1 }.flatMap { p in
            strategies.enumerated().map { k, s in (p.id, s, p.net / 2 + (k == 0 ? 5 : -5), k == 0 ? -50 : -60) }
        }
    }

    /// Writes the report into `folder`; `withStrategies` adds `v_sweep_strategy_vs_baseline`
    /// (`strategyRows`) and `sweep_reality_check` (best point 7 of 7 candidates, 14 days, p 0.123).
    static func write(
        _ folder: TemporaryFolder, name: String = "sweep.sqlite", withStrategies: Bool = false
    ) throws -> String {
        let path = folder.file(name)
        let session = try ReportSession(path: path)
        try session.execute(
            """
            BEGIN;
            CREATE TABLE sweeps (sweep_id INTEGER PRIMARY KEY, sweep_file TEXT, spec_digest TEXT, data_digest TEXT,
                scenario TEXT, scenario_file TEXT, points INTEGER, strategy_sets INTEGER, windows INTEGER,
                runs INTEGER, bootstrap_resamples INTEGER, bootstrap_block_days INTEGER, bootstrap_seed INTEGER,
                engine_version TEXT);
            CREATE TABLE sweep_points (point_id INTEGER PRIMARY KEY, is_baseline INTEGER, label TEXT,
                engine_same_direction TEXT, engine_reentry_cooldown TEXT, protection TEXT, exchange_taker_fee TEXT);
            CREATE TABLE v_sweep_ranking (rank INTEGER, point_id INTEGER, label TEXT, is_baseline INTEGER,
                net_pnl REAL, equity_change REAL, delta_net REAL, ci_low REAL, ci_high REAL, p_value REAL,
                p_adjusted REAL, windows_won INTEGER, windows INTEGER, max_drawdown REAL, max_drawdown_pct REAL,
                sharpe REAL, sortino REAL, trades INTEGER, win_rate_pct REAL, exposure_pct REAL);
            CREATE TABLE v_sweep_by_window (point_id INTEGER, window_index INTEGER, window_start TEXT,
                window_end TEXT, net_pnl REAL, equity_change REAL, baseline_equity_change REAL,
                delta_equity_change REAL, beats_baseline INTEGER, max_drawdown REAL, sharpe REAL, trades INTEGER);
            CREATE TABLE v_strategy_marginal (point_id INTEGER, strategy_id TEXT, portfolio_net REAL,
                net_without REAL, marginal_contribution REAL, booked_net REAL, interaction_effect REAL);
            CREATE VIEW v_sweep_vs_baseline AS SELECT point_id, label, is_baseline FROM sweep_points
                ORDER BY point_id DESC;
            COMMIT;
            """)
        try session.insert(
            into: "sweeps",
            columns: [
                "sweep_id", "sweep_file", "spec_digest", "data_digest", "scenario", "scenario_file", "points",
                "strategy_sets", "windows", "runs", "bootstrap_resamples", "bootstrap_block_days", "bootstrap_seed",
                "engine_version",
            ],
            rows: [
                [
                    .integer(1), .text("/tmp/fixture-sweep.yaml"), .text("spec0123"), .text("data4567"),
                    .text("fixture"), .text("fixture.yaml"), .integer(8), .integer(3), .integer(3), .integer(72),
                    .integer(2000), .integer(1), .integer(1), .text("0.test"),
                ]
            ])
        // Inserted last point first: the export orders a sweep table by its primary key.
        try session.insert(
            into: "sweep_points",
            columns: [
                "point_id", "is_baseline", "label", "engine_same_direction", "engine_reentry_cooldown", "protection",
                "exchange_taker_fee",
            ],
            rows: points.reversed().map { p in
                [.integer(Int64(p.id)), .integer(p.id == 1 ? 1 : 0), .text(p.label)] + p.values.map { .text($0) }
            })
        let ranked = points.sorted { $0.equity > $1.equity }
        try session.insert(
            into: "v_sweep_ranking",
            columns: [
                "rank", "point_id", "label", "is_baseline", "net_pnl", "equity_change", "delta_net", "ci_low",
                "ci_high", "p_value", "p_adjusted", "windows_won", "windows", "max_drawdown", "max_drawdown_pct",
                "sharpe", "sortino", "trades", "win_rate_pct", "exposure_pct",
            ],
            rows: ranked.enumerated().map { index, p in
                let baseline = p.id == 1
                func stat(_ value: Double) -> ReportValue { baseline ? .null : .real(value) }
                return [
                    .integer(Int64(index + 1)), .integer(Int64(p.id)), .text(p.label), .integer(baseline ? 1 : 0),
                    .real(p.net), .real(p.equity), .real(p.delta), stat(p.delta - 50), stat(p.delta + 50),
                    stat(0.01 * Double(p.id)), stat(min(1, 0.07 * Double(p.id))),
                    .integer(p.equity > -100 ? 2 : 0), .integer(2), .real(50), .real(0.5), .real(1.25), .null,
                    .integer(10), .real(50), .real(40),
                ]
            })
        var windowRows: [[ReportValue]] = []
        for p in points {
            for window in 0...2 {
                let (start, end) =
                    window == 1
                    ? ("2026-02-01T00:00:00.000Z", "2026-02-08T00:00:00.000Z")
                    : window == 2
                        ? ("2026-02-08T00:00:00.000Z", "2026-02-15T00:00:00.000Z")
                        : ("2026-02-01T00:00:00.000Z", "2026-02-15T00:00:00.000Z")
                let change = window == 0 ? p.equity : p.equity / 2 + (window == 1 ? 5 : -5)
                let base = window == 0 ? -100 : -50 + (window == 1 ? 5.0 : -5)
                windowRows.append([
                    .integer(Int64(p.id)), .integer(Int64(window)), .text(start), .text(end), .real(change),
                    .real(change), .real(base), .real(change - base), .integer(change > base ? 1 : 0), .real(1),
                    .null, .integer(1),
                ])
            }
        }
        try session.insert(
            into: "v_sweep_by_window",
            columns: [
                "point_id", "window_index", "window_start", "window_end", "net_pnl", "equity_change",
                "baseline_equity_change", "delta_equity_change", "beats_baseline", "max_drawdown", "sharpe", "trades",
            ], rows: windowRows)
        // (point, strategy, portfolio net, net without, booked net).
        let marginal: [(Int64, String, Double, Double, Double)] = [
            (1, strategies[1], -110, -90, 5), (1, strategies[0], -110, -150, -20),
            (7, strategies[1], 130, 120, 15), (7, strategies[0], 130, 100, 10),
        ]
        try session.insert(
            into: "v_strategy_marginal",
            columns: [
                "point_id", "strategy_id", "portfolio_net", "net_without", "marginal_contribution", "booked_net",
                "interaction_effect",
            ],
            rows: marginal.map { m in
                [
                    .integer(m.0), .text(m.1), .real(m.2), .real(m.3), .real(m.2 - m.3), .real(m.4),
                    .real(m.2 - m.3 - m.4),
                ]
            })
        if withStrategies { try writeStrategies(session) }
        try session.finish()
        return path
    }

    static func writeStrategies(_ session: ReportSession) throws {
        try session.execute(
            """
            CREATE TABLE v_sweep_strategy_vs_baseline (point_id INTEGER, label TEXT, is_baseline INTEGER,
                strategy_id TEXT, net_pnl REAL, baseline_net_pnl REAL, delta_net REAL, ci_low REAL, ci_high REAL,
                p_value REAL, p_adjusted REAL, windows_won INTEGER, windows INTEGER, days INTEGER);
            CREATE TABLE sweep_reality_check (best_point_id INTEGER PRIMARY KEY, candidates INTEGER, days INTEGER,
                statistic REAL, p_value REAL);
            """)
        try session.insert(
            into: "v_sweep_strategy_vs_baseline",
            columns: [
                "point_id", "label", "is_baseline", "strategy_id", "net_pnl", "baseline_net_pnl", "delta_net", "ci_low",
                "ci_high", "p_value", "p_adjusted", "windows_won", "windows", "days",
            ],
            rows: strategyRows.map { r in
                let delta = r.net - r.baselineNet
                return [
                    .integer(Int64(r.point)), .text(points[r.point - 1].label), .integer(0), .text(r.strategy),
                    .real(r.net), .real(r.baselineNet), .real(delta), .real(delta - 30), .real(delta + 30),
                    .real(0.02 * Double(r.point)), .real(min(1, 0.1 * Double(r.point))), .integer(1), .integer(2),
                    .integer(14),
                ]
            })
        try session.insert(
            into: "sweep_reality_check", columns: ["best_point_id", "candidates", "days", "statistic", "p_value"],
            rows: [[.integer(7), .integer(7), .integer(14), .real(240), .real(0.123)]])
    }
}
