/// The performance sections: equity and drawdown, cumulative PnL per strategy, hit and win
/// rates, the mode comparison, fees and funding, and ambiguous exits.
extension HTMLReportBuilder {
    // MARK: Equity

    func equitySection() throws(ReportError) -> Section {
        var equity: [LineChart.Series] = []
        var drawdown: [LineChart.Series] = []
        for run in runs {
            let rows = try db.query(
                "SELECT time, equity, drawdown_pct FROM equity WHERE run_id = ? ORDER BY seq", [.integer(run.id)])
            var e: [LineChart.Point] = []
            var d: [LineChart.Point] = []
            for row in rows.rows {
                guard let t = Self.time(row[0]) else { continue }
                // Samples close each interval; the run starts at its first bar with the initial balance.
                if e.isEmpty, let first = run.firstBar, first < t {
                    e.append(LineChart.Point(time: first, value: run.initialBalance))
                    d.append(LineChart.Point(time: first, value: 0))
                }
                e.append(LineChart.Point(time: t, value: row[1].double ?? 0))
                d.append(LineChart.Point(time: t, value: -(row[2].double ?? 0)))
            }
            equity.append(LineChart.Series(name: run.name, color: run.color, points: e, dashed: run.dashed))
            drawdown.append(LineChart.Series(name: run.name, color: run.color, points: d, dashed: run.dashed))
        }
        guard equity.contains(where: { !$0.points.isEmpty }) else {
            return Section(id: "equity", title: "Equity and drawdown", body: Self.paragraph("No equity samples."))
        }
        var body = ""
        var chart = LineChart(
            id: "chart-equity", title: "Equity per run (USDT)", series: equity, valueTitle: "equity (USDT)")
        chart.alwaysShowLegend = true
        let balances = runs.map(\.initialBalance).reduce(into: [Double]()) { if !$0.contains($1) { $0.append($1) } }
        if balances.count == 1 {
            chart.reference = (balances[0], "initial balance " + HTMLText.money(balances[0]))
        }
        body += Self.figure(
            chart.svg(), id: "chart-equity",
            caption: "Equity (wallet + unrealized PnL) at each equity sample"
                + (runs.count > 1 ? ", every run overlaid." : "."))
        var dd = LineChart(
            id: "chart-drawdown", title: "Drawdown per run (% below the equity peak)", series: drawdown,
            valueTitle: "drawdown (%)")
        dd.height = 240
        dd.include = [0]
        dd.alwaysShowLegend = true
        body += Self.figure(
            dd.svg(), id: "chart-drawdown",
            caption: "Drawdown: how far equity is below its highest value so far, in % of that peak (0 at a new high).")
        return Section(id: "equity", title: "Equity and drawdown", body: body)
    }

    // MARK: Cumulative PnL

    func strategyPnLSection() throws(ReportError) -> Section {
        var perRun: [(Run, [LineChart.Series], ClosedRange<Int64>)] = []
        var lo = 0.0
        var hi = 0.0
        for run in runs {
            let rows = try db.query(
                """
                SELECT strategy_id, exit_time, realized_pnl_e8 FROM strategy_positions
                WHERE run_id = ? AND status = 'closed' AND exit_time IS NOT NULL ORDER BY exit_time, seq
                """, [.integer(run.id)])
            var points = [[LineChart.Point]](repeating: [], count: strategies.count)
            var sums = [Int64](repeating: 0, count: strategies.count)
            let equityEnd = try db.query("SELECT MAX(time) FROM equity WHERE run_id = ?", [.integer(run.id)])
            var last = max(run.lastBar ?? run.firstBar ?? 0, equityEnd.rows.first.flatMap { Self.time($0[0]) } ?? 0)
            for row in rows.rows {
                guard let strategy = row[0].string, let index = strategies.firstIndex(of: strategy),
                    let t = Self.time(row[1])
                else { continue }
                sums[index] += row[2].int ?? 0
                points[index].append(LineChart.Point(time: t, value: Double(sums[index]) / 1e8))
                last = max(last, t)
            }
            let first = min(run.firstBar ?? last, points.compactMap { $0.first?.time }.min() ?? last)
            var series: [LineChart.Series] = []
            for (index, strategy) in strategies.enumerated() {
                var line = [LineChart.Point(time: first, value: 0)] + points[index]
                line.append(LineChart.Point(time: last, value: Double(sums[index]) / 1e8))
                lo = min(lo, line.map(\.value).min() ?? 0)
                hi = max(hi, line.map(\.value).max() ?? 0)
                series.append(
                    LineChart.Series(
                        name: strategy, color: strategyColor(strategy), points: line,
                        dashed: strategyDashed(strategy), stepped: true))
            }
            perRun.append((run, series, first...max(first + 1, last)))
        }
        var body = Self.paragraph(
            "Realized PnL (before fees and funding) of each strategy's closed positions, summed in the order "
                + "they closed. One chart per run, on the same scale.")
        for (run, series, domain) in perRun {
            var chart = LineChart(
                id: "chart-strategy-pnl-run-\(run.id)", title: "Cumulative realized PnL per strategy, run \(run.name)",
                series: series, valueTitle: "realized PnL (USDT)")
            chart.height = 300
            chart.include = [lo, hi, 0]
            chart.timeDomain = domain
            chart.alwaysShowLegend = true
            body += Self.figure(
                chart.svg(), id: chart.id,
                caption: "Run \(run.name): cumulative realized PnL per strategy by exit time.")
        }
        if strategies.isEmpty { body += Self.paragraph("No strategy positions.") }
        return Section(id: "strategy-pnl", title: "Cumulative PnL per strategy", body: body)
    }

    // MARK: Hit rates

    /// The rows of `v_strategy_by_mode` for the selected runs, by strategy then run.
    func strategyRows() throws(ReportError) -> ReportDatabase.Rows {
        try db.query(
            "SELECT * FROM v_strategy_by_mode WHERE run_id IN (\(runList)) ORDER BY strategy_id, run_id")
    }

    /// `column` of `rows` for (run, strategy), nil when absent or NULL.
    static func lookup(_ rows: ReportDatabase.Rows, run: Int64, strategy: String, _ column: String) -> ReportValue {
        guard let index = rows.columns.firstIndex(of: column), let runColumn = rows.columns.firstIndex(of: "run_id"),
            let strategyColumn = rows.columns.firstIndex(of: "strategy_id"),
            let row = rows.rows.first(where: { $0[runColumn].int == run && $0[strategyColumn].string == strategy })
        else { return .null }
        return row[index]
    }

    func hitRateSection() throws(ReportError) -> Section {
        let rows = try strategyRows()
        var body = ""
        let metrics: [(column: String, name: String, color: String, id: String)] = [
            ("win_rate_pct", "win rate", "#59a14f", "chart-win-rate"),
            ("tp_hit_rate_pct", "take-profit hit rate", "#4e79a7", "chart-tp-rate"),
            ("sl_hit_rate_pct", "stop-loss hit rate", "#e15759", "chart-sl-rate"),
        ]
        if runs.count == 1, let run = runs.first {
            var chart = BarChart(
                id: "chart-hit-rates", title: "Win, take-profit and stop-loss rates per strategy",
                categories: strategies,
                series: metrics.map { metric in
                    BarChart.Series(
                        name: metric.name, color: metric.color,
                        values: strategies.map { Self.lookup(rows, run: run.id, strategy: $0, metric.column).double })
                }, format: .percent)
            chart.include = [100]
            body += Self.figure(
                chart.svg(), id: chart.id,
                caption: "Over closed positions: wins (realized PnL > 0), exits at the take-profit, exits at the "
                    + "stop-loss, in % of closed trades.", className: "chart hit-rates")
        } else {
            for metric in metrics {
                var chart = BarChart(
                    id: metric.id, title: "\(metric.name) per strategy and run", categories: strategies,
                    series: runs.map { run in
                        BarChart.Series(
                            name: run.name, color: run.color,
                            values: strategies.map {
                                Self.lookup(rows, run: run.id, strategy: $0, metric.column).double
                            }
                        )
                    }, format: .percent)
                chart.include = [100]
                let title = metric.name.prefix(1).uppercased() + metric.name.dropFirst()
                body += "<h3>\(HTMLText.escape(title))</h3>\n"
                body += Self.figure(
                    chart.svg(), id: chart.id, caption: "\(title), % of closed trades, per strategy and run.",
                    className: "chart hit-rates")
            }
        }
        var table = HTMLTable(
            id: "table-hit-rates",
            columns: [
                ("strategy", false), ("run", false), ("trades", true), ("wins", true), ("win %", true),
                ("TP hits", true), ("TP %", true), ("SL hits", true), ("SL %", true),
            ])
        for strategy in strategies {
            for run in runs {
                func v(_ column: String) -> ReportValue { Self.lookup(rows, run: run.id, strategy: strategy, column) }
                guard !v("run_id").isNull else { continue }
                table.rows.append([
                    .text(strategy), .text(run.name), .count(v("trades").int), .count(v("wins").int),
                    .percent(v("win_rate_pct").double), .count(v("tp_hits").int),
                    .percent(v("tp_hit_rate_pct").double), .count(v("sl_hits").int),
                    .percent(v("sl_hit_rate_pct").double),
                ])
            }
        }
        body += table.html()
        return Section(id: "hit-rates", title: "Hit rates and win rates", body: body)
    }

    // MARK: Modes

    func modeSection() throws(ReportError) -> Section {
        let modes = try db.query("SELECT * FROM v_mode_comparison WHERE run_id IN (\(runList)) ORDER BY run_id")
        var body = Self.paragraph(
            "v_mode_comparison: one column per run. Net PnL is the exchange's realized PnL less fees and "
                + "liquidation fees plus funding.")
        var table = HTMLTable(id: "table-mode-comparison", columns: [("", false)] + runs.map { ($0.name, true) })
        for (c, column) in modes.columns.enumerated() where column != "run_id" {
            var cells: [HTMLTable.Cell] = [.text(column, className: "mono")]
            for row in modes.rows {
                let value = row[c]
                switch value {
                case .text(let text): cells.append(.number(text))
                case .integer(let n): cells.append(.count(n))
                case .real(let x): cells.append(column.hasSuffix("_pct") ? .percent(x) : .money(x))
                case .null: cells.append(.number("-"))
                }
            }
            table.rows.append(cells)
        }
        body += table.html()
        body += compareVsFirst()

        let rows = try strategyRows()
        body += "<h3>Per strategy and mode (v_strategy_by_mode)</h3>\n"
        var strategyTable = HTMLTable(
            id: "table-strategy-by-mode",
            columns: [
                ("strategy", false), ("run", false), ("positions", true), ("trades", true), ("win %", true),
                ("TP %", true), ("SL %", true), ("realized", true), ("commission", true), ("funding", true),
                ("liq. fee", true), ("net", true), ("unrealized", true),
            ])
        for strategy in strategies {
            for run in runs {
                func v(_ column: String) -> ReportValue { Self.lookup(rows, run: run.id, strategy: strategy, column) }
                guard !v("run_id").isNull else { continue }
                strategyTable.rows.append([
                    .text(strategy), .text(run.name), .count(v("positions").int), .count(v("trades").int),
                    .percent(v("win_rate_pct").double), .percent(v("tp_hit_rate_pct").double),
                    .percent(v("sl_hit_rate_pct").double), .money(v("realized_pnl").double),
                    .money(v("commission").double), .money(v("funding").double), .money(v("liquidation_fee").double),
                    .money(v("net_pnl").double), .money(v("unrealized_pnl").double),
                ])
            }
        }
        body += strategyTable.html()
        let chart = BarChart(
            id: "chart-net-by-mode", title: "Net PnL per strategy and run", categories: strategies,
            series: runs.map { run in
                BarChart.Series(
                    name: run.name, color: run.color,
                    values: strategies.map { Self.lookup(rows, run: run.id, strategy: $0, "net_pnl").double })
            }, format: .money)
        body += Self.figure(
            chart.svg(), id: chart.id,
            caption:
                "Net PnL (realized − commission + funding − liquidation fees) of each strategy's positions, per run.")
        return Section(id: "modes", title: "Mode comparison", body: body)
    }

    /// `compare_vs_first` for the selected runs: Δ net against the comparison's first run with its
    /// 95 % bootstrap interval and p-value, as a table and as whiskers. Empty when the report has
    /// no rows for them (a single run).
    func compareVsFirst() -> String {
        let byRun = CompareVsFirst.read(dbPath: db.path)
        guard let first = runs.lazy.compactMap({ byRun[$0.id] }).first else { return "" }
        var out = "<h3>Δ net against the first run (compare_vs_first)</h3>\n"
        out += Self.paragraph(
            "Each run's net PnL minus the first run's, with the 95 % interval and the two-sided p-value of a paired "
                + "block bootstrap of the two runs' daily booked net PnL (\(first.resamples) resamples, "
                + "\(first.blockDays)-day blocks, seed \(first.seed)). An interval that spans 0 shows no difference.")
        var table = HTMLTable(
            id: "table-compare-vs-first",
            columns: [
                ("run", false), ("against run", true), ("Δ net", true), ("95 % CI", true), ("p", true),
                ("days won", true),
            ])
        var chartRows: [IntervalChart.Row] = []
        for run in runs {
            var label = HTMLTable.Cell.text(run.name)
            label.className = "swatch-\(run.index % ChartPalette.colors.count)"
            guard let row = byRun[run.id] else {
                // The first run itself: the reference at 0.
                guard byRun.values.contains(where: { $0.baselineRunID == run.id }) else { continue }
                table.rows.append([label, .number("first"), .money(0), .number(""), .number(""), .number("")])
                chartRows.append(
                    IntervalChart.Row(
                        name: run.name, value: 0, low: nil, high: nil, note: "first run",
                        tooltip: "\(run.name): the first run", isReference: true))
                continue
            }
            let interval = SweepHTMLBuilder.interval(row.ciLow, row.ciHigh)
            let p = ReportSummary.pValue(row.pValue)
            table.rows.append([
                label, .count(row.baselineRunID), .number(SweepHTMLBuilder.signed(row.deltaNet), value: row.deltaNet),
                .number(interval), .number(p), .number("\(row.daysWon)/\(row.days)"),
            ])
            chartRows.append(
                IntervalChart.Row(
                    name: run.name, value: row.deltaNet, low: row.ciLow, high: row.ciHigh, note: "p " + p,
                    tooltip: "\(run.name) − run \(row.baselineRunID): Δ net \(SweepHTMLBuilder.signed(row.deltaNet)), "
                        + "95 % CI \(interval), p \(p)"))
        }
        out += table.html()
        let chart = IntervalChart(
            id: "chart-compare-vs-first", title: "Δ net against the first run with 95 % confidence intervals",
            rows: chartRows, valueTitle: "Δ net vs the first run (USDT)")
        out += Self.figure(
            chart.svg(), id: chart.id,
            caption: "Δ net against the first run with its 95 % bootstrap interval; blue: above 0, red: below, grey: "
                + "spans 0.")
        return out
    }

    // MARK: Fees and funding

    func costSection() throws(ReportError) -> Section {
        let rows = try strategyRows()
        let modes = try db.query(
            """
            SELECT run_id, exchange_realized_pnl, fees, funding, liquidation_fees, net_pnl
            FROM v_mode_comparison WHERE run_id IN (\(runList)) ORDER BY run_id
            """)
        var table = HTMLTable(
            id: "table-costs",
            columns: [
                ("strategy", false), ("run", false), ("realized", true), ("commission", true), ("funding", true),
                ("liq. fee", true), ("net", true),
            ])
        for strategy in strategies {
            for run in runs {
                func v(_ column: String) -> Double? {
                    Self.lookup(rows, run: run.id, strategy: strategy, column).double
                }
                guard v("positions") != nil else { continue }
                table.rows.append([
                    .text(strategy), .text(run.name), .money(v("realized_pnl")), .money(v("commission")),
                    .money(v("funding")), .money(v("liquidation_fee")), .money(v("net_pnl")),
                ])
            }
        }
        for row in modes.rows {
            guard let run = runs.first(where: { $0.id == row[0].int }) else { continue }
            table.totals.append([
                .text("exchange total"), .text(run.name), .money(row[1].double), .money(row[2].double),
                .money(row[3].double), .money(row[4].double), .money(row[5].double),
            ])
        }
        var body = Self.paragraph(
            "Per strategy: commission of its entry and exit fills, its pro-rata share of funding (positive = "
                + "received) and of liquidation clearance fees. The totals rows are the exchange's own figures for "
                + "each run (realized from fills).")
        body += table.html()
        let fees = BarChart(
            id: "chart-fees", title: "Commission per strategy and run", categories: strategies,
            series: runs.map { run in
                BarChart.Series(
                    name: run.name, color: run.color,
                    values: strategies.map { Self.lookup(rows, run: run.id, strategy: $0, "commission").double })
            }, format: .money)
        body += Self.figure(fees.svg(), id: fees.id, caption: "Commission paid (USDT) per strategy and run.")
        let funding = runs.map { run in
            strategies.map { Self.lookup(rows, run: run.id, strategy: $0, "funding").double }
        }
        if funding.allSatisfy({ $0.allSatisfy { ($0 ?? 0) == 0 } }) {
            body += Self.paragraph("No funding was paid or received by any strategy in these runs.", className: "note")
        } else {
            let chart = BarChart(
                id: "chart-funding", title: "Funding per strategy and run", categories: strategies,
                series: zip(runs, funding).map { BarChart.Series(name: $0.name, color: $0.color, values: $1) },
                format: .money)
            body += Self.figure(
                chart.svg(), id: chart.id, caption: "Funding (USDT, positive = received) per strategy and run.")
        }
        return Section(id: "costs", title: "Fees and funding", body: body)
    }

    // MARK: Ambiguous exits

    func ambiguousSection() throws(ReportError) -> Section {
        let exits = try db.query(
            """
            SELECT run_id, strategy_id, SUM(status = 'closed'), SUM(exit_time IS NOT NULL), SUM(ambiguous_exit)
            FROM strategy_positions WHERE run_id IN (\(runList)) GROUP BY run_id, strategy_id
            ORDER BY strategy_id, run_id
            """)
        let fills = try db.query(
            """
            SELECT run_id, strategy_id, SUM(ambiguous) FROM fills
            WHERE run_id IN (\(runList)) AND strategy_id IS NOT NULL GROUP BY run_id, strategy_id
            ORDER BY strategy_id, run_id
            """)
        func find(_ rows: ReportDatabase.Rows, _ run: Int64, _ strategy: String) -> [ReportValue]? {
            rows.rows.first { $0[0].int == run && $0[1].string == strategy }
        }
        var table = HTMLTable(
            id: "table-ambiguous",
            columns: [
                ("strategy", false), ("run", false), ("positions with exits", true), ("ambiguous exits", true),
                ("% of exits", true), ("ambiguous fills", true),
            ])
        var total: Int64 = 0
        for strategy in strategies {
            for run in runs {
                guard let row = find(exits, run.id, strategy) else { continue }
                let exited = row[3].int ?? 0
                let ambiguous = row[4].int ?? 0
                total += ambiguous
                table.rows.append([
                    .text(strategy), .text(run.name), .count(exited), .count(ambiguous),
                    .percent(exited > 0 ? 100 * Double(ambiguous) / Double(exited) : nil),
                    .count(find(fills, run.id, strategy)?[2].int ?? 0),
                ])
            }
        }
        var body = Self.paragraph(
            "An exit is ambiguous when its bar reached both the take-profit and the stop-loss (or it depended on "
                + "the order of high and low in some other way), so the outcome rests on the price_path "
                + "assumption, not on the data. Finer klines (detail data) resolve such bars.")
        let chart = BarChart(
            id: "chart-ambiguous", title: "Exits decided by the intrabar path assumption", categories: strategies,
            series: runs.map { run in
                BarChart.Series(
                    name: run.name, color: run.color,
                    values: strategies.map { Double(find(exits, run.id, $0)?[4].int ?? 0) })
            }, format: .count)
        if total == 0 {
            body += Self.paragraph("No exit in these runs depended on the intrabar path assumption.", className: "note")
        } else {
            body += Self.figure(chart.svg(), id: chart.id, caption: "Ambiguous exits per strategy and run.")
        }
        body += table.html()
        return Section(id: "ambiguous", title: "Ambiguous exits", body: body)
    }
}
