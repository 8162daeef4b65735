import Foundation
import Testing

@testable import Reports

/// The sweep page on the hand-made sweep report (`SweepReportFixture`): sections and charts,
/// the heat map's cells, maps and picker rules, escaping, determinism, and the compare interval
/// on the run page.
@Suite struct SweepHTMLReportTests {
    static let fixture: Result<(folder: TemporaryFolder, database: String, page: String), any Error> = Result {
        let folder = TemporaryFolder()
        let database = try SweepReportFixture.write(folder, withStrategies: true)
        return (folder, database, try SweepHTMLReport.render(dbPath: database))
    }

    static func page() throws -> String { try fixture.get().page }

    /// The markup of the element with `id` up to the end of its `tag`.
    static func element(_ page: String, id: String, tag: String) -> String? {
        guard let start = page.range(of: "id=\"\(id)\"") else { return nil }
        guard let end = page.range(of: "</\(tag)>", range: start.upperBound..<page.endIndex) else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }

    /// The texts of the `<td>` cells in `markup`, in order.
    static func cells(_ markup: String) -> [String] {
        markup.components(separatedBy: "<td").dropFirst().compactMap { cell in
            guard let open = cell.firstIndex(of: ">"), let close = cell.range(of: "</td>") else { return nil }
            return String(cell[cell.index(after: open)..<close.lowerBound])
        }
    }

    @Test func everySectionChartAndTableIsThere() throws {
        let page = try Self.page()
        for id in ["sweep", "ranking", "heatmap", "delta", "strategies", "windows", "marginal"] {
            #expect(page.contains("<section id=\"\(id)\">"), "section \(id)")
            #expect(page.contains("<a href=\"#\(id)\">"), "nav link \(id)")
        }
        for id in [
            "table-sweep", "table-sweep-grid", "table-sweep-ranking", "chart-sweep-delta", "chart-sweep-windows",
            "table-sweep-windows", "chart-marginal-baseline", "chart-marginal-top", "table-marginal",
            "chart-sweep-strategies", "table-sweep-strategies",
            "figure-chart-sweep-delta", "heat-x-0", "heat-x-2", "heat-y-1", "heat-m-delta", "heat-m-net",
            "heat-m-equity", "heat-o-fixed", "heat-o-mean", "heat-o-best", "heat-v-2-0", "heat-v-2-1",
            "table-heatmap-x0-y1-delta-fixed-v2-0",
        ] {
            #expect(page.contains("id=\"\(id)\""), "element \(id)")
        }
        // The key names come back from the labels; the one-value key is not offered as an axis.
        #expect(page.contains("<label for=\"heat-x-0\">engine.same_direction</label>"))
        #expect(page.contains("<label for=\"heat-x-1\">engine.reentry_cooldown</label>"))
        #expect(!page.contains("id=\"heat-x-3\""))
        #expect(page.contains("<title>hedgesim sweep: fixture</title>"))
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("http://") && !page.contains("https://"))
        // No file path in the page.
        #expect(!page.contains("/tmp/fixture-sweep.yaml"))
    }

    @Test func heatMapCellsAreThePointsFigures() throws {
        let page = try Self.page()
        // Default map: same_direction across, cooldown down, Δ, protection at the baseline's value.
        let map = try #require(Self.element(page, id: "table-heatmap-x0-y1-delta-fixed-v2-0", tag: "table"))
        #expect(Self.cells(map) == ["0.00", "160.00", "120.00", "240.00"])
        #expect(map.contains("<td class=\"num baseline\" style=\"background:#ffffff\""))
        // 240 is the largest |Δ|: the deepest blue, light text.
        #expect(map.contains("<td class=\"num on-dark\" style=\"background:#2b5c8a\""))
        #expect(map.contains("protection = per_strategy"))
        let live = try #require(Self.element(page, id: "table-heatmap-x0-y1-delta-fixed-v2-1", tag: "table"))
        #expect(Self.cells(live) == ["60.00", "100.00", "-60.00", "20.00"])
        let mean = try #require(Self.element(page, id: "table-heatmap-x0-y1-delta-mean", tag: "table"))
        #expect(Self.cells(mean) == ["30.00", "130.00", "30.00", "130.00"])
        #expect(mean.contains("mean over protection"))
        #expect(mean.contains("has-baseline"))
        let best = try #require(Self.element(page, id: "table-heatmap-x0-y1-delta-best", tag: "table"))
        #expect(Self.cells(best) == ["60.00", "160.00", "120.00", "240.00"])
        let net = try #require(Self.element(page, id: "table-heatmap-x2-y0-net-fixed-v1-1", tag: "table"))
        // protection across, same_direction down, cooldown 60s: points 3, 4, 7, 8.
        #expect(Self.cells(net) == ["10.00", "-170.00", "130.00", "-90.00"])
        // 6 ordered pairs × 3 figures × (2 fixed slices + mean + best).
        #expect(page.components(separatedBy: "<div class=\"hm ").count - 1 == 72)
        #expect(page.contains("<div class=\"hm x0 y1 m-delta o-fixed v0-any v1-any v2-0\">"))
        #expect(page.contains("#heatmap:has(#heat-x-0:checked) .hm:not(.x0) { display: none; }"))
        #expect(page.contains("#heatmap:has(#heat-v-2-1:checked) .hm:not(.v2-1):not(.v2-any) { display: none; }"))
        #expect(page.contains("#heatmap:has(#heat-x-1:checked):has(#heat-y-1:checked) .heat-same { display: block; }"))
        // The defaults: the first two keys, Δ, fixed at the baseline's values.
        for id in ["heat-x-0", "heat-y-1", "heat-m-delta", "heat-o-fixed", "heat-v-0-0", "heat-v-1-0", "heat-v-2-0"] {
            #expect(page.contains("id=\"\(id)\" checked>"), "\(id)")
        }
    }

    @Test func rankingDeltaWindowsAndMarginal() throws {
        let page = try Self.page()
        let ranking = try #require(Self.element(page, id: "table-sweep-ranking", tag: "table"))
        // The rank is the row header.
        #expect(ranking.contains("<tr><th scope=\"row\" class=\"num\">1</th>"))
        let first = Self.cells(ranking).prefix(12)
        #expect(
            Array(first) == [
                "7", Self.label(7), "130.00", "140.00", "+240.00", "[+190.00, +290.00]", "0.070", "0.490",
                "2/2", "50.00", "1.25", "10",
            ])
        #expect(ranking.contains("<tr class=\"baseline\">"))
        let delta = try #require(Self.element(page, id: "chart-sweep-delta", tag: "svg"))
        // One dot per point; the baseline hollow; 7 whiskers; blue above 0, red below.
        #expect(delta.components(separatedBy: "<circle ").count - 1 == 8)
        #expect(delta.contains("class=\"point reference-point\""))
        #expect(delta.components(separatedBy: "class=\"whisker\"").count - 1 == 7)
        #expect(delta.contains("fill=\"#2b5c8a\""))
        #expect(delta.contains("fill=\"#b42318\""))
        #expect(delta.contains(">p (Holm) 0.490</text>"))
        let windows = try #require(Self.element(page, id: "table-sweep-windows", tag: "table"))
        // The top 5 and the baseline; window 0 (the whole range) is not a window.
        #expect(windows.components(separatedBy: "<tr>").count - 1 == 7)
        #expect(page.contains(">W1 · 2026-02-01 – 2026-02-07</text>"))
        #expect(page.contains(">W2 · 2026-02-08 – 2026-02-14</text>"))
        #expect(Self.cells(windows).prefix(5) == [Self.label(7), "75.00 ✓", "65.00 ✓", "2/2", Self.label(5)])
        let marginal = try #require(Self.element(page, id: "table-marginal", tag: "table"))
        let odd = "a&amp;b &quot;q&quot; &#39;x&#39;"
        let markup = "mom&lt;script&gt;alert(1)&lt;/script&gt;"
        // Points by rank (7, then the baseline 1), strategies by id.
        #expect(
            Self.cells(marginal) == [
                odd, "130.00", "120.00", "10.00", "15.00", "-5.00",
                markup, "130.00", "100.00", "30.00", "10.00", "20.00",
                odd, "-110.00", "-90.00", "-20.00", "5.00", "-25.00",
                markup, "-110.00", "-150.00", "40.00", "-20.00", "60.00",
            ])
        let baselineChart = try #require(Self.element(page, id: "chart-marginal-baseline", tag: "svg"))
        #expect(baselineChart.contains(">interaction effect</text>"))
        #expect(baselineChart.components(separatedBy: "class=\"bar\"").count - 1 == 6)
        #expect(page.contains("interaction effect"))
    }

    static func label(_ id: Int) -> String { SweepReportFixture.points[id - 1].label }

    /// The Reality Check's p, the best point's strategies as intervals, every point's strategies in
    /// rank order; a report without them (an older version's) gets notes.
    @Test func strategiesAgainstTheBaselineAndTheRealityCheck() throws {
        let page = try Self.page()
        #expect(
            page.contains(
                "White&#39;s Reality Check for the best point, #1 · point 7, against the baseline over 7 candidate "
                    + "points and 14 days: p = 0.123."))
        let chart = try #require(Self.element(page, id: "chart-sweep-strategies", tag: "svg"))
        #expect(chart.contains("Δ booked net per strategy vs baseline, #1 · point 7"))
        // Point 7: net 65 ± 5 against −50 / −60: Δ 120 and 130; p (Holm) min(1, 0.7).
        #expect(chart.contains("p (Holm) 0.700"))
        let table = try #require(Self.element(page, id: "table-sweep-strategies", tag: "table"))
        let cells = Self.cells(table)
        // 7 points besides the baseline × 2 strategies, in rank order (7, 5, 3, 6, 2, 8, 4); the point is the
        // row's header, then 8 cells.
        #expect(cells.count == 7 * 2 * 8)
        #expect(cells[0] == "a&amp;b &quot;q&quot; &#39;x&#39;")
        #expect(Array(cells[1...7]) == ["60.00", "-60.00", "+120.00", "[+90.00, +150.00]", "0.140", "0.700", "1/2"])
        #expect(cells[8] == "mom&lt;script&gt;alert(1)&lt;/script&gt;")
        let order = ["#1 · point 7", "#2 · point 5", "#3 · point 3", "#8 · point 4"].map {
            table.range(of: ">\($0)<")?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(!table.contains("(baseline)"))

        let folder = TemporaryFolder()
        let older = try SweepHTMLReport.render(dbPath: try SweepReportFixture.write(folder))
        #expect(older.contains("<section id=\"strategies\">"))
        #expect(older.contains("This report has no Reality Check (it predates it)."))
        #expect(older.contains("This report has no per-strategy comparisons."))
        #expect(!older.contains("id=\"chart-sweep-strategies\""))
    }

    @Test func everyTextIsEscaped() throws {
        let page = try Self.page()
        #expect(!page.contains("<script>alert(1)</script>"))
        #expect(page.contains("mom&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.contains("a&b \"q\" 'x'"))
        #expect(page.contains("a&amp;b &quot;q&quot; &#39;x&#39;"))
    }

    @Test func pageIsDeterministic() throws {
        let (_, database, page) = try Self.fixture.get()
        #expect(try SweepHTMLReport.render(dbPath: database) == page)
    }

    @Test func aRunReportIsNotASweepReport() throws {
        let run = try QuickstartReport.fixture().database
        #expect(try !SweepHTMLReport.isSweepReport(run))
        #expect(try SweepHTMLReport.isSweepReport(try Self.fixture.get().database))
        #expect(throws: ReportError(.usage, "\(run): not a sweep report (no `sweeps` table)")) {
            try SweepHTMLReport.render(dbPath: run)
        }
    }

    @Test func writeRefusesTheReportItself() throws {
        let (_, database, _) = try Self.fixture.get()
        #expect(throws: ReportError.self) { try SweepHTMLReport.write(dbPath: database, to: database) }
        let folder = TemporaryFolder()
        let bytes = try SweepHTMLReport.write(dbPath: database, to: folder.file("sweep.html"))
        #expect(bytes == Array(try Self.page().utf8).count)
    }

    /// The run page shows `compare_vs_first` next to the mode comparison when the report has it.
    @Test func runPageShowsTheCompareInterval() throws {
        let folder = TemporaryFolder()
        let database = folder.file("compare.sqlite")
        try FileManager.default.copyItem(atPath: QuickstartReport.fixture().database, toPath: database)
        let before = try HTMLReport.render(dbPath: database)
        #expect(!before.contains("table-compare-vs-first"))
        #expect(before == (try QuickstartReport.page.get()))
        try CompareVsFirst.write(
            [
                CompareVsFirst.Row(
                    runID: 2, baselineRunID: 1, days: 28, deltaNet: 12.5, ciLow: -3.25, ciHigh: 28.75, pValue: 0.123,
                    daysWon: 9, resamples: 2000, blockDays: 1, seed: 1)
            ], at: database)
        let page = try HTMLReport.render(dbPath: database)
        let table = try #require(Self.element(page, id: "table-compare-vs-first", tag: "table"))
        #expect(
            Self.cells(table) == [
                "first", "0.00", "", "", "", "1", "+12.50", "[-3.25, +28.75]", "0.123", "9/28",
            ])
        let chart = try #require(Self.element(page, id: "chart-compare-vs-first", tag: "svg"))
        #expect(chart.components(separatedBy: "<circle ").count - 1 == 2)
        #expect(chart.contains(">p 0.123</text>"))
        #expect(page.contains("2000 resamples, 1-day blocks, seed 1"))
        // Only that section changed.
        #expect(page.replacingOccurrences(of: try #require(Self.compareBlock(page)), with: "") == before)
    }

    /// The compare block of a run page: from its heading to the end of its figure.
    static func compareBlock(_ page: String) -> String? {
        guard let start = page.range(of: "<h3>Δ net against the first run"),
            let end = page.range(of: "</figure>\n", range: start.upperBound..<page.endIndex)
        else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func intervalChartColoursByWhereTheIntervalLies() {
        func row(_ low: Double?, _ high: Double?, reference: Bool = false) -> IntervalChart.Row {
            IntervalChart.Row(
                name: "x", value: 0, low: low, high: high, note: "", tooltip: "", isReference: reference)
        }
        #expect(IntervalChart.color(row(1, 2)) == IntervalChart.above)
        #expect(IntervalChart.color(row(-2, -1)) == IntervalChart.below)
        #expect(IntervalChart.color(row(-1, 1)) == IntervalChart.across)
        #expect(IntervalChart.color(row(0, 1)) == IntervalChart.across)
        #expect(IntervalChart.color(row(nil, nil)) == IntervalChart.across)
        #expect(IntervalChart.color(row(1, 2, reference: true)) == IntervalChart.across)
        #expect(ChartPalette.diverging(0) == "#ffffff")
        #expect(ChartPalette.diverging(1) == "#2b5c8a")
        #expect(ChartPalette.diverging(-1) == "#b42318")
        #expect(ChartPalette.diverging(-7) == "#b42318")
        #expect(ChartPalette.diverging(.nan) == "#ffffff")
    }

    /// One varied key, no walk-forward windows, no leave-one-out: notes instead of the heat map,
    /// the window bars and the marginal charts.
    @Test func aSmallSweepGetsNotes() throws {
        let folder = TemporaryFolder()
        let database = try SweepReportFixture.write(folder)
        let db = try ReportDatabase(path: database, writable: true)
        try db.connection.execute(
            """
            UPDATE sweep_points SET engine_reentry_cooldown = '0s', protection = 'per_strategy';
            DELETE FROM v_sweep_by_window WHERE window_index > 0;
            DELETE FROM v_strategy_marginal;
            """)
        let page = try SweepHTMLReport.render(dbPath: database)
        #expect(page.contains("The heat map needs two keys with more than one value; this sweep varies 1."))
        #expect(!page.contains("type=\"radio\""))
        #expect(!page.contains(":has("))
        #expect(page.contains("This sweep has no walk-forward windows"))
        #expect(!page.contains("id=\"chart-sweep-windows\""))
        #expect(page.contains("This sweep ran without `strategies.leave_one_out: true`"))
        #expect(!page.contains("id=\"chart-marginal-baseline\""))
        #expect(page.contains("id=\"chart-sweep-delta\""))
    }

    @Test func keyNamesComeBackFromTheLabel() {
        #expect(
            SweepHTMLBuilder.keyNames(
                label: "engine.same_direction=a b protection=x", columns: ["engine_same_direction", "protection"],
                values: ["a b", "x"]) == ["engine.same_direction", "protection"])
        // A label that does not match keeps the column names.
        #expect(SweepHTMLBuilder.keyNames(label: "base", columns: ["a_b"], values: ["1"]) == ["a_b"])
    }
}
