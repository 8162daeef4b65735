import Foundation
public import Reports

/// The terminal summary of a sweep report, read from its views: the ranking (point, net, Δ vs
/// baseline with its 95 % interval, adjusted p-value, windows won, max drawdown) and the
/// baseline's leave-one-strategy-out table (marginal contribution, booked PnL and their
/// difference, the interaction effect).
public enum SweepSummary {
    /// Ranking rows shown at most (the baseline is always shown).
    public static let rankingRows = 20

    /// Renders the summary.
    public static func render(dbPath: String) throws(ReportError) -> String {
        let db = try ReportDatabase(path: dbPath)
        let sweep = try db.query("SELECT scenario, points, strategy_sets, windows, runs FROM sweeps")
        var out = "Sweep of \(sweep.value(0, "scenario").string ?? ""): "
        out += "\(sweep.value(0, "points").int ?? 0) points × \(sweep.value(0, "strategy_sets").int ?? 0) strategy sets"
        out += " × \(sweep.value(0, "windows").int ?? 0) windows = \(sweep.value(0, "runs").int ?? 0) runs\n\n"
        let ranking = try db.query("SELECT * FROM v_sweep_ranking")
        var rows: [[String]] = []
        for r in 0..<ranking.rows.count {
            let baseline = ranking.value(r, "is_baseline").int == 1
            guard r < rankingRows || baseline else { continue }
            let ci: String
            if let low = ranking.value(r, "ci_low").double, let high = ranking.value(r, "ci_high").double {
                ci = "[\(money(low)), \(money(high))]"
            } else {
                ci = baseline ? "" : "-"
            }
            rows.append([
                String(ranking.value(r, "rank").int ?? 0), String(ranking.value(r, "point_id").int ?? 0),
                (ranking.value(r, "label").string ?? "") + (baseline ? " (baseline)" : ""),
                money(ranking.value(r, "net_pnl").double), money(ranking.value(r, "equity_change").double),
                baseline ? "" : money(ranking.value(r, "delta_net").double), ci,
                baseline ? "" : probability(ranking.value(r, "p_adjusted").double),
                "\(ranking.value(r, "windows_won").int ?? 0)/\(ranking.value(r, "windows").int ?? 0)",
                money(ranking.value(r, "max_drawdown").double),
            ])
        }
        out += table(
            ["#", "point", "settings", "net", "equity Δ", "Δ vs base", "95 % CI", "p (Holm)", "windows won", "max DD"],
            left: [2], rows)
        if ranking.rows.count > rankingRows {
            out += "  (\(ranking.rows.count - rankingRows) more points in v_sweep_ranking)\n"
        }
        out += try realityCheck(db)
        out += try strategies(db)
        let marginal = try db.query(
            """
            SELECT m.* FROM v_strategy_marginal m JOIN sweep_points p ON p.point_id = m.point_id
            WHERE p.is_baseline = 1 ORDER BY m.strategy_id
            """)
        if !marginal.rows.isEmpty {
            out += "\nLeave-one-strategy-out at the baseline (whole range): marginal contribution = net with the "
            out +=
                "strategy − net without it;\ninteraction effect = marginal contribution − the strategy's own booked net\n"
            out += table(
                ["strategy", "marginal contribution", "booked net", "interaction effect", "net without"], left: [0],
                (0..<marginal.rows.count).map { r in
                    [
                        marginal.value(r, "strategy_id").string ?? "",
                        money(marginal.value(r, "marginal_contribution").double),
                        money(marginal.value(r, "booked_net").double),
                        money(marginal.value(r, "interaction_effect").double),
                        money(marginal.value(r, "net_without").double),
                    ]
                })
        }
        out += "\nΔ vs base: paired difference of the daily equity change against the baseline over the whole range; "
        out +=
            "95 % CI and p from a paired block bootstrap of the daily differences, p adjusted (Holm) over all points."
        return out
    }

    /// The Reality Check line, when the report has one (older reports do not).
    static func realityCheck(_ db: ReportDatabase) throws(ReportError) -> String {
        guard try hasTable(db, "sweep_reality_check") else { return "" }
        let check = try db.query(
            """
            SELECT x.best_point_id, x.candidates, x.p_value, c.p_value AS own_p FROM sweep_reality_check x
            LEFT JOIN sweep_comparisons c ON c.point_id = x.best_point_id
            """)
        guard !check.rows.isEmpty else { return "" }
        var out = "\nBest point \(check.value(0, "best_point_id").int ?? 0) of "
        out += "\(check.value(0, "candidates").int ?? 0): White's reality check p = "
        out += probability(check.value(0, "p_value").double)
        out += " (its own p = \(probability(check.value(0, "own_p").double)) does not account for picking the best)\n"
        return out
    }

    /// The best point's strategies against the baseline's, when the report has them.
    static func strategies(_ db: ReportDatabase) throws(ReportError) -> String {
        guard try hasTable(db, "sweep_strategy_comparisons") else { return "" }
        let rows = try db.query(
            """
            SELECT v.* FROM v_sweep_strategy_vs_baseline v
            WHERE v.point_id = (SELECT point_id FROM v_sweep_ranking WHERE is_baseline = 0 ORDER BY rank LIMIT 1)
            ORDER BY v.strategy_id
            """)
        guard !rows.rows.isEmpty else { return "" }
        var out = "\nPer strategy, best point \(rows.value(0, "point_id").int ?? 0) against the baseline (whole range, "
        out += "booked net; p adjusted (Holm) within the strategy over all points)\n"
        out += table(
            ["strategy", "net", "baseline net", "Δ vs base", "95 % CI", "p (Holm)", "windows won"], left: [0],
            (0..<rows.rows.count).map { r in
                let ci: String
                if let low = rows.value(r, "ci_low").double, let high = rows.value(r, "ci_high").double {
                    ci = "[\(money(low)), \(money(high))]"
                } else {
                    ci = "-"
                }
                return [
                    rows.value(r, "strategy_id").string ?? "", money(rows.value(r, "net_pnl").double),
                    money(rows.value(r, "baseline_net_pnl").double), money(rows.value(r, "delta_net").double), ci,
                    probability(rows.value(r, "p_adjusted").double),
                    "\(rows.value(r, "windows_won").int ?? 0)/\(rows.value(r, "windows").int ?? 0)",
                ]
            })
        return out
    }

    static func hasTable(_ db: ReportDatabase, _ name: String) throws(ReportError) -> Bool {
        try db.query("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '\(name)'").value(0, "n")
            .int == 1
    }

    static func money(_ value: Double?) -> String {
        guard let value else { return "-" }
        return String(format: "%.2f", value)
    }

    static func probability(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value < 0.001 ? "<0.001" : String(format: "%.3f", value)
    }

    /// A plain table: a header, a rule, columns two spaces apart, `left` columns left-aligned.
    static func table(_ header: [String], left: [Int], _ rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return left.contains(c) ? cell + pad : pad + cell
            }
            return "  "
                + padded.joined(separator: "  ").replacingOccurrences(
                    of: "\\s+$", with: "", options: .regularExpression)
        }
        var out = line(header) + "\n"
        out += "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
    }
}
