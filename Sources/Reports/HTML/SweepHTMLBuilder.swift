import Foundation
import Market

/// Builds the sweep page from an open sweep report: reads the grid keys, the points with their
/// ranking and statistics, and assembles the sections (the heat map lives in
/// `SweepHTMLBuilder+HeatMap`). Not `Sendable`: it owns the database connection.
final class SweepHTMLBuilder {
    /// A grid key: its scenario key (`engine.same_direction`), its `sweep_points` column, its
    /// position among the point's values and its values in grid order.
    struct Key {
        var name: String
        var column: String
        var position: Int
        var values: [String]
    }

    /// A grid point with its whole-range figures and statistics (`v_sweep_ranking`).
    struct Point {
        var id: Int64
        var isBaseline: Bool
        var label: String
        /// One value per grid key, in key order.
        var values: [String]
        var rank: Int64
        var net: Double?
        var equityChange: Double?
        var delta: Double?
        var ciLow: Double?
        var ciHigh: Double?
        var pValue: Double?
        var pAdjusted: Double?
        var windowsWon: Int64?
        var windows: Int64?
        var maxDrawdown: Double?
        var sharpe: Double?
        var trades: Int64?

        /// `#1 · point 17`.
        var name: String { "#\(rank) · point \(id)" + (isBaseline ? " (baseline)" : "") }
    }

    /// Points in the per-window bars besides the baseline.
    static let topPoints = 5
    /// Rows of the Δ chart at most (the baseline is always shown).
    static let deltaRows = 60

    let db: ReportDatabase
    /// The `sweeps` row.
    let sweep: ReportDatabase.Rows
    /// Every grid key, in grid order.
    let keys: [Key]
    /// Every point, by rank.
    let points: [Point]

    init(db: ReportDatabase) throws(ReportError) {
        self.db = db
        sweep = try db.query("SELECT * FROM sweeps")
        let pointRows = try db.query("SELECT * FROM sweep_points ORDER BY point_id")
        let keyColumns = pointRows.columns.filter { !["point_id", "is_baseline", "label"].contains($0) }
        var keys: [Key] = []
        let names = SweepHTMLBuilder.keyNames(
            label: pointRows.rows.isEmpty ? "" : pointRows.value(0, "label").string ?? "", columns: keyColumns,
            values: keyColumns.map { pointRows.rows.isEmpty ? "" : pointRows.value(0, $0).cellText })
        for (position, column) in keyColumns.enumerated() {
            var values: [String] = []
            for r in pointRows.rows.indices {
                let value = pointRows.value(r, column).cellText
                if !values.contains(value) { values.append(value) }
            }
            keys.append(Key(name: names[position], column: column, position: position, values: values))
        }
        self.keys = keys
        let ranking = try db.query("SELECT * FROM v_sweep_ranking ORDER BY rank, point_id")
        var points: [Point] = []
        for r in ranking.rows.indices {
            func v(_ column: String) -> ReportValue { ranking.value(r, column) }
            let id = v("point_id").int ?? 0
            guard let row = pointRows.rows.firstIndex(where: { $0.first?.int == id }) else { continue }
            points.append(
                Point(
                    id: id, isBaseline: v("is_baseline").int == 1, label: v("label").string ?? "",
                    values: keyColumns.map { pointRows.value(row, $0).cellText }, rank: v("rank").int ?? 0,
                    net: v("net_pnl").double, equityChange: v("equity_change").double, delta: v("delta_net").double,
                    ciLow: v("ci_low").double, ciHigh: v("ci_high").double, pValue: v("p_value").double,
                    pAdjusted: v("p_adjusted").double, windowsWon: v("windows_won").int, windows: v("windows").int,
                    maxDrawdown: v("max_drawdown").double, sharpe: v("sharpe").double, trades: v("trades").int))
        }
        self.points = points
    }

    /// The scenario keys of the `sweep_points` columns, read back from a point's label
    /// (`engine.same_direction=accumulate protection=per_strategy`): a column is its key with `_`
    /// for `.`, so the key is the label's text of the column's length before `=value`. A column
    /// the label does not match keeps its column name.
    static func keyNames(label: String, columns: [String], values: [String]) -> [String] {
        var rest = Substring(label)
        var names: [String] = []
        for (column, value) in zip(columns, values) {
            let candidate = rest.prefix(column.count)
            let after = rest.dropFirst(column.count)
            guard candidate.replacingOccurrences(of: ".", with: "_") == column, after.hasPrefix("=" + value) else {
                names.append(column)
                continue
            }
            names.append(String(candidate))
            rest = after.dropFirst(1 + value.count)
            if rest.hasPrefix(" ") { rest = rest.dropFirst() }
        }
        return names
    }

    /// The keys with more than one value: the ones the heat map can put on an axis.
    var variedKeys: [Key] { keys.filter { $0.values.count > 1 } }

    var baseline: Point? { points.first(where: \.isBaseline) }

    /// `#1 · point 7 · reject_duplicates · 60s`: the rank, the id and the varied keys' values.
    func shortName(_ point: Point) -> String {
        ([point.name] + variedKeys.map { point.values[$0.position] }).joined(separator: " · ")
    }

    // MARK: Formatting

    /// A difference with its sign: `+12.50`, `-3.00`, `0.00`; `-` for nil.
    static func signed(_ value: Double?) -> String {
        guard let value else { return "-" }
        let text = HTMLText.money(value)
        return value > 0 && text != "0.00" ? "+" + text : text
    }

    /// `[-295.49, +749.52]`, or `-`.
    static func interval(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high else { return "-" }
        return "[\(signed(low)), \(signed(high))]"
    }

    static func pText(_ p: Double?) -> String { ReportSummary.pValue(p) }

    /// The tooltip of a point: its settings and statistics.
    static func tooltip(_ point: Point) -> String {
        var text = "\(point.name): \(point.label)\nnet \(point.net.map(HTMLText.money) ?? "-")"
        text += ", equity change \(point.equityChange.map(HTMLText.money) ?? "-")"
        if point.isBaseline { return text + "\nthe baseline" }
        text += "\nΔ vs baseline \(signed(point.delta)), 95 % CI \(interval(point.ciLow, point.ciHigh))"
        text += ", p \(pText(point.pValue)), p (Holm) \(pText(point.pAdjusted))"
        return text
    }

    func text(_ column: String) -> String { sweep.rows.isEmpty ? "" : sweep.value(0, column).cellText }

    // MARK: The page

    func page() throws(ReportError) -> String {
        let sections: [HTMLReportBuilder.Section] = [
            overviewSection(),
            rankingSection(),
            heatMapSection(),
            deltaSection(),
            try strategySection(),
            try windowSection(),
            try marginalSection(),
        ]
        let title = "hedgesim sweep: " + text("scenario")
        let version = text("engine_version")
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="generator" content="hedgesim \(HTMLText.escape(version))">

            """
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(HTMLStyle.css)\(Self.css)\(heatMapCSS())</style>\n"
        out += "</head>\n<body>\n<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        out += HTMLReportBuilder.paragraph(
            "\(text("points")) points × \(text("strategy_sets")) strategy sets × \(text("windows")) windows = "
                + "\(text("runs")) runs · baseline: \(baseline?.label ?? "-")", className: "subtitle")
        out += HTMLReportBuilder.pageBody(sections, version: version)
        return out
    }

    /// The sweep page's styles besides the run page's.
    static let css = """
        table.data tr.baseline th, table.data tr.baseline td { background: #f6f8fa; font-weight: 600; }
        .heat-controls { display: flex; flex-wrap: wrap; gap: 6px 12px; margin: 8px 0; }
        .heat-controls fieldset { border: 1px solid #d0d7de; border-radius: 4px; margin: 0; padding: 3px 10px 6px;
          font-size: 13px; }
        .heat-controls legend { font-size: 12px; font-weight: 600; color: #57606a; padding: 0 4px; }
        .heat-controls label { margin: 0 12px 0 2px; white-space: nowrap; }
        .heat-same { display: none; }
        table.heatmap td.baseline { outline: 2px solid #1f2328; outline-offset: -3px; font-weight: 700; }
        table.heatmap td.has-baseline { outline: 2px dashed #1f2328; outline-offset: -3px; }
        table.heatmap caption { caption-side: top; text-align: left; font-size: 12px; color: #57606a;
          padding-bottom: 4px; }
        svg .whisker-cap { stroke-width: 1.5; }
        svg .point { stroke-width: 1.5; }
        @media print { .heat-controls { display: none; } }

        """

    // MARK: Overview

    func overviewSection() -> HTMLReportBuilder.Section {
        var table = HTMLTable(id: "table-sweep", columns: [("", false), ("", false)])
        let settings: [(String, String)] = [
            ("scenario", text("scenario")), ("points", text("points")), ("strategy sets", text("strategy_sets")),
            ("windows (whole range + walk-forward)", text("windows")), ("runs", text("runs")),
            (
                "bootstrap",
                "\(text("bootstrap_resamples")) resamples, \(text("bootstrap_block_days")) d blocks, seed "
                    + text("bootstrap_seed")
            ),
            ("spec digest", text("spec_digest")), ("data digest", text("data_digest")),
            ("engine", text("engine_version")),
        ]
        for (name, value) in settings {
            table.rows.append([.text(name), .text(value, className: name.hasSuffix("digest") ? "mono" : nil)])
        }
        var grid = HTMLTable(id: "table-sweep-grid", columns: [("key", false), ("values", false), ("baseline", false)])
        for key in keys {
            grid.rows.append([
                .text(key.name, className: "mono"), .text(key.values.joined(separator: ", "), className: "wrap"),
                .text(baseline.map { $0.values[key.position] } ?? "-"),
            ])
        }
        var body = table.html() + "<h3>Grid</h3>\n" + grid.html()
        if keys.isEmpty { body += HTMLReportBuilder.paragraph("The grid varies no key: one point, the base scenario.") }
        return HTMLReportBuilder.Section(id: "sweep", title: "Sweep", body: body)
    }

    // MARK: Ranking

    func rankingSection() -> HTMLReportBuilder.Section {
        var body = HTMLReportBuilder.paragraph(
            "v_sweep_ranking: the points by whole-range equity change. Δ vs baseline is the paired difference of the "
                + "daily equity change against the baseline (its sum), with the 95 % interval and p-value of a "
                + "paired block bootstrap; p (Holm) is adjusted over every point and is the one to read. Windows won: "
                + "walk-forward windows in which the point's equity change beats the baseline's.")
        var table = HTMLTable(
            id: "table-sweep-ranking",
            columns: [
                ("#", true), ("point", true), ("settings", false), ("net", true), ("equity Δ", true),
                ("Δ vs baseline", true), ("95 % CI", true), ("p", true), ("p (Holm)", true), ("windows won", true),
                ("max DD", true), ("Sharpe", true), ("trades", true),
            ])
        for point in points {
            var cells: [HTMLTable.Cell] = [
                .count(point.rank), .count(point.id),
                .text(point.label + (point.isBaseline ? " (baseline)" : ""), className: "wrap"),
                .money(point.net), .money(point.equityChange),
            ]
            if point.isBaseline {
                cells += [.number(""), .number(""), .number(""), .number("")]
            } else {
                cells += [
                    .number(Self.signed(point.delta), value: point.delta),
                    .number(Self.interval(point.ciLow, point.ciHigh)), .number(Self.pText(point.pValue)),
                    .number(Self.pText(point.pAdjusted)),
                ]
            }
            cells += [
                .number("\(point.windowsWon ?? 0)/\(point.windows ?? 0)"), .money(point.maxDrawdown),
                .number(point.sharpe.map { HTMLText.fixed($0, decimals: 2) } ?? "-", value: point.sharpe),
                .count(point.trades),
            ]
            table.rows.append(cells)
            table.rowClassNames.append(point.isBaseline ? "baseline" : nil)
        }
        body += table.html()
        return HTMLReportBuilder.Section(id: "ranking", title: "Ranking", body: body)
    }

    // MARK: Δ against the baseline

    func deltaSection() -> HTMLReportBuilder.Section {
        var shown = points.filter { $0.rank <= Self.deltaRows || $0.isBaseline }
        shown.sort { $0.rank < $1.rank }
        var body = HTMLReportBuilder.paragraph(
            "Δ net against the baseline (the paired difference of the daily equity change over the whole range) with "
                + "its 95 % bootstrap interval, one row per point in rank order; the note is the Holm-adjusted "
                + "p-value. Blue: the interval lies above 0; red: below; grey: it spans 0 (no difference shown).")
        guard !shown.isEmpty else {
            return HTMLReportBuilder.Section(
                id: "delta", title: "Δ net vs baseline", body: body + HTMLReportBuilder.paragraph("No points."))
        }
        let chart = IntervalChart(
            id: "chart-sweep-delta", title: "Δ net vs baseline with 95 % confidence intervals",
            rows: shown.map { point in
                IntervalChart.Row(
                    name: shortName(point), value: point.isBaseline ? 0 : point.delta,
                    low: point.ciLow, high: point.ciHigh,
                    note: point.isBaseline ? "baseline" : "p (Holm) " + Self.pText(point.pAdjusted),
                    tooltip: Self.tooltip(point), isReference: point.isBaseline)
            }, valueTitle: "Δ net vs baseline (USDT)")
        var caption = "Δ net vs baseline with 95 % CI whiskers, points by rank."
        if shown.count < points.count {
            caption += " The first \(Self.deltaRows) of \(points.count) points (and the baseline); the rest are in "
            caption += "the ranking table."
        }
        body += HTMLReportBuilder.figure(chart.svg(), id: chart.id, caption: caption)
        return HTMLReportBuilder.Section(id: "delta", title: "Δ net vs baseline", body: body)
    }

    // MARK: Windows

    func windowSection() throws(ReportError) -> HTMLReportBuilder.Section {
        let title = "Per window"
        var shown = Array(points.filter { !$0.isBaseline }.prefix(Self.topPoints))
        if let baseline { shown.append(baseline) }
        let rows = try db.query(
            """
            SELECT point_id, window_index, window_start, window_end, equity_change, beats_baseline
            FROM v_sweep_by_window WHERE window_index > 0 ORDER BY point_id, window_index
            """)
        var windows: [(index: Int64, name: String)] = []
        for row in rows.rows {
            guard let index = row[1].int, !windows.contains(where: { $0.index == index }) else { continue }
            let start = row[2].string.flatMap { Timestamp(iso8601: $0) }?.milliseconds ?? 0
            let end = row[3].string.flatMap { Timestamp(iso8601: $0) }?.milliseconds ?? 1
            windows.append((index, "W\(index) · \(TimeText.day(start)) – \(TimeText.day(end - 1))"))
        }
        windows.sort { $0.index < $1.index }
        var body = HTMLReportBuilder.paragraph(
            "v_sweep_by_window: the equity change in each walk-forward window of the \(Self.topPoints) best-ranked "
                + "points and the baseline (window dates in UTC, inclusive).")
        guard !windows.isEmpty, !shown.isEmpty else {
            body += HTMLReportBuilder.paragraph(
                "This sweep has no walk-forward windows (`windows:` in the sweep file); only the whole range ran.")
            return HTMLReportBuilder.Section(id: "windows", title: title, body: body)
        }
        func value(_ point: Point, _ window: Int64) -> (Double?, Bool) {
            guard let row = rows.rows.first(where: { $0[0].int == point.id && $0[1].int == window }) else {
                return (nil, false)
            }
            return (row[4].double, row[5].int == 1)
        }
        let chart = BarChart(
            id: "chart-sweep-windows", title: "Equity change per window", categories: windows.map(\.name),
            series: shown.enumerated().map { index, point in
                BarChart.Series(
                    name: point.name, color: point.isBaseline ? "#8c959f" : ChartPalette.color(index),
                    values: windows.map { value(point, $0.index).0 })
            }, format: .money)
        body += HTMLReportBuilder.figure(
            chart.svg(), id: chart.id,
            caption: "Equity change per walk-forward window: the top \(shown.count - (baseline == nil ? 0 : 1)) "
                + "points by rank and the baseline (grey).")
        var table = HTMLTable(
            id: "table-sweep-windows",
            columns: [("point", false), ("settings", false)] + windows.map { ("W\($0.index)", true) } + [
                ("won", true)
            ])
        for point in shown {
            var cells: [HTMLTable.Cell] = [.text(point.name), .text(point.label, className: "wrap")]
            for window in windows {
                let (change, won) = value(point, window.index)
                var cell = HTMLTable.Cell.money(change)
                if won && !point.isBaseline { cell.text += " ✓" }
                cells.append(cell)
            }
            cells.append(point.isBaseline ? .number("") : .number("\(point.windowsWon ?? 0)/\(point.windows ?? 0)"))
            table.rows.append(cells)
        }
        body += table.html() + HTMLReportBuilder.paragraph("✓: the point beat the baseline in that window.")
        return HTMLReportBuilder.Section(id: "windows", title: title, body: body)
    }

    // MARK: Marginal contribution

    func marginalSection() throws(ReportError) -> HTMLReportBuilder.Section {
        let title = "Marginal contribution per strategy"
        let rows = try db.query(
            """
            SELECT point_id, strategy_id, portfolio_net, net_without, marginal_contribution, booked_net,
                interaction_effect
            FROM v_strategy_marginal ORDER BY point_id, strategy_id
            """)
        var body = HTMLReportBuilder.paragraph(
            "v_strategy_marginal, leave-one-strategy-out over the whole range: the marginal contribution is the "
                + "portfolio's net PnL with the strategy minus without it; the booked net is the strategy's own "
                + "positions' net PnL in the full portfolio; the interaction effect is their difference (marginal "
                + "contribution − booked net): what the strategy does to the other strategies' trades through the "
                + "shared cooldown, same-direction policy and risk limits. Positive: it helps the portfolio more "
                + "than its own book shows.")
        guard !rows.rows.isEmpty else {
            body += HTMLReportBuilder.paragraph(
                "This sweep ran without `strategies.leave_one_out: true`: there are no runs without a strategy.")
            return HTMLReportBuilder.Section(id: "marginal", title: title, body: body)
        }
        var strategies: [String] = []
        for row in rows.rows {
            let name = row[1].cellText
            if !strategies.contains(name) { strategies.append(name) }
        }
        strategies.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        func chart(_ point: Point, id: String) -> String {
            func values(_ column: Int) -> [Double?] {
                strategies.map { s in rows.rows.first { $0[0].int == point.id && $0[1].cellText == s }?[column].double }
            }
            let chart = BarChart(
                id: id, title: "Marginal contribution and booked net per strategy, \(point.name)",
                categories: strategies,
                series: [
                    BarChart.Series(name: "marginal contribution", color: ChartPalette.color(0), values: values(4)),
                    BarChart.Series(name: "booked net", color: ChartPalette.color(1), values: values(5)),
                    BarChart.Series(name: "interaction effect", color: ChartPalette.color(4), values: values(6)),
                ], format: .money)
            return HTMLReportBuilder.figure(
                chart.svg(), id: id,
                caption: "\(point.name): \(point.label). Marginal contribution (net with − net without the strategy), "
                    + "the strategy's booked net, and the interaction effect (their difference).")
        }
        if let baseline {
            body += "<h3>At the baseline</h3>\n" + chart(baseline, id: "chart-marginal-baseline")
        }
        if let top = points.first, !top.isBaseline {
            body += "<h3>At the best-ranked point</h3>\n" + chart(top, id: "chart-marginal-top")
        }
        var table = HTMLTable(
            id: "table-marginal",
            columns: [
                ("point", false), ("strategy", false), ("portfolio net", true), ("net without", true),
                ("marginal contribution", true), ("booked net", true), ("interaction effect", true),
            ])
        for point in points {
            for row in rows.rows where row[0].int == point.id {
                table.rows.append([
                    .text(point.name), .text(row[1].cellText), .money(row[2].double), .money(row[3].double),
                    .money(row[4].double), .money(row[5].double), .money(row[6].double),
                ])
            }
        }
        body += "<h3>Every point</h3>\n" + table.html()
        return HTMLReportBuilder.Section(id: "marginal", title: title, body: body)
    }
}

extension ReportValue {
    /// The value as page text: text as is, numbers in their shortest form, empty for NULL.
    var cellText: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): DoubleText.plain(value) ?? ""
        case .null: ""
        }
    }
}
