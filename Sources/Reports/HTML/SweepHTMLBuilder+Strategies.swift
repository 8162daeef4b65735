import Foundation
import Market

extension SweepHTMLBuilder {
    // MARK: Per strategy against the baseline, and the Reality Check

    /// A sweep point's strategy against the same strategy at the baseline
    /// (`v_sweep_strategy_vs_baseline`).
    struct StrategyComparison {
        var pointID: Int64
        var strategy: String
        var net: Double?
        var baselineNet: Double?
        var delta: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var pValue: Double?
        var pAdjusted: Double?
        var windowsWon: Int64?
        var windows: Int64?
    }

    /// Whether the report holds `name` as a table or a view (reports of older versions lack the
    /// per-strategy comparisons and the Reality Check).
    func hasObject(_ name: String) throws(ReportError) -> Bool {
        try db.query(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type IN ('table', 'view') AND name = '\(name)'"
        ).value(0, "n").int == 1
    }

    func strategyComparisons() throws(ReportError) -> [StrategyComparison] {
        guard try hasObject("v_sweep_strategy_vs_baseline") else { return [] }
        let rows = try db.query(
            """
            SELECT point_id, strategy_id, net_pnl, baseline_net_pnl, delta_net, ci_low, ci_high, p_value,
                p_adjusted, windows_won, windows
            FROM v_sweep_strategy_vs_baseline
            """)
        return rows.rows.map { row in
            StrategyComparison(
                pointID: row[0].int ?? 0, strategy: row[1].cellText, net: row[2].double, baselineNet: row[3].double,
                delta: row[4].double, ciLow: row[5].double, ciHigh: row[6].double, pValue: row[7].double,
                pAdjusted: row[8].double, windowsWon: row[9].int, windows: row[10].int)
        }
    }

    /// The Reality Check's paragraph, or a note why there is none.
    func realityCheckParagraph() throws(ReportError) -> String {
        guard try hasObject("sweep_reality_check") else {
            return HTMLReportBuilder.paragraph("This report has no Reality Check (it predates it).")
        }
        let check = try db.query("SELECT best_point_id, candidates, days, p_value FROM sweep_reality_check")
        guard !check.rows.isEmpty, let best = points.first(where: { $0.id == check.value(0, "best_point_id").int })
        else {
            return HTMLReportBuilder.paragraph(
                "No Reality Check: it needs at least one point besides the baseline and days to compare.")
        }
        let candidates = check.value(0, "candidates").int ?? 0
        let days = check.value(0, "days").int ?? 0
        return HTMLReportBuilder.paragraph(
            "White's Reality Check for the best point, \(best.name), against the baseline over \(candidates) "
                + "candidate points and \(days) days: p = \(Self.pText(check.value(0, "p_value").double)). Its own p "
                + "(\(Self.pText(best.pValue))) answers whether this one point beats the baseline; the Reality "
                + "Check answers whether the best of \(candidates) does by more than the best of as many points "
                + "with no edge would by chance, so it is the one to read for the point a sweep picks.",
            className: "reality-check")
    }

    func strategySection() throws(ReportError) -> HTMLReportBuilder.Section {
        let title = "Per strategy vs baseline"
        var body = try realityCheckParagraph()
        body += HTMLReportBuilder.paragraph(
            "v_sweep_strategy_vs_baseline: each strategy's booked net PnL in a point's whole-range run against the "
                + "same strategy's at the baseline, with the paired block bootstrap's 95 % interval of the "
                + "difference of its daily booked net; p (Holm) is adjusted within the strategy over every point. "
                + "Windows won: walk-forward windows in which the strategy's booked net beats the baseline's.")
        let comparisons = try strategyComparisons()
        guard !comparisons.isEmpty else {
            body += HTMLReportBuilder.paragraph("This report has no per-strategy comparisons.")
            return HTMLReportBuilder.Section(id: "strategies", title: title, body: body)
        }
        let byName: (StrategyComparison, StrategyComparison) -> Bool = {
            $0.strategy.utf8.lexicographicallyPrecedes($1.strategy.utf8)
        }
        if let top = points.first(where: { !$0.isBaseline }) {
            let rows = comparisons.filter { $0.pointID == top.id }.sorted(by: byName)
            if !rows.isEmpty {
                let chart = IntervalChart(
                    id: "chart-sweep-strategies", title: "Δ booked net per strategy vs baseline, \(top.name)",
                    rows: rows.map { c in
                        IntervalChart.Row(
                            name: c.strategy, value: c.delta, low: c.ciLow, high: c.ciHigh,
                            note: "p (Holm) " + Self.pText(c.pAdjusted),
                            tooltip: "\(c.strategy): Δ \(Self.signed(c.delta)) "
                                + "\(Self.interval(c.ciLow, c.ciHigh)), p \(Self.pText(c.pValue))")
                    }, valueTitle: "Δ booked net vs baseline (USDT)")
                body += "<h3>At the best-ranked point</h3>\n"
                body += HTMLReportBuilder.figure(
                    chart.svg(), id: chart.id,
                    caption: "\(top.name): \(top.label). Each strategy's Δ booked net against the baseline with its "
                        + "95 % CI whisker.")
            }
        }
        var table = HTMLTable(
            id: "table-sweep-strategies",
            columns: [
                ("point", false), ("strategy", false), ("net", true), ("baseline net", true), ("Δ vs baseline", true),
                ("95 % CI", true), ("p", true), ("p (Holm)", true), ("windows won", true),
            ])
        for point in points where !point.isBaseline {
            for c in comparisons.filter({ $0.pointID == point.id }).sorted(by: byName) {
                table.rows.append([
                    .text(point.name), .text(c.strategy), .money(c.net), .money(c.baselineNet),
                    .number(Self.signed(c.delta), value: c.delta), .number(Self.interval(c.ciLow, c.ciHigh)),
                    .number(Self.pText(c.pValue)), .number(Self.pText(c.pAdjusted)),
                    .number("\(c.windowsWon ?? 0)/\(c.windows ?? 0)"),
                ])
            }
        }
        body += "<h3>Every point</h3>\n" + table.html()
        return HTMLReportBuilder.Section(id: "strategies", title: title, body: body)
    }
}
