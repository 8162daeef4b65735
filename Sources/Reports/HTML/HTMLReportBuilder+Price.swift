import Market

/// The price chart section: one symbol's bars over a window with every run's entries and exits.
extension HTMLReportBuilder {
    /// The symbol, window and bars the price charts show.
    struct PriceWindow {
        var symbol: String
        var from: Int64
        var to: Int64
    }

    /// The symbol shown: `--symbol`, or the one with the most strategy positions (ties by name),
    /// or the first with bars.
    ///
    /// - Throws: `.usage` for a `--symbol` without price bars in the selected runs.
    func priceSymbol() throws(ReportError) -> String? {
        let symbols = try db.query(
            "SELECT DISTINCT symbol FROM price_bars WHERE run_id IN (\(runList)) ORDER BY symbol"
        ).rows.compactMap { $0[0].string }
        if let wanted = options.symbol {
            guard symbols.contains(wanted) else {
                let known = symbols.isEmpty ? "none" : symbols.joined(separator: ", ")
                throw ReportError(.usage, "\(db.path): no price bars for symbol \(wanted) (symbols: \(known))")
            }
            return wanted
        }
        let traded = try db.query(
            """
            SELECT symbol FROM strategy_positions WHERE run_id IN (\(runList))
            GROUP BY symbol ORDER BY COUNT(*) DESC, symbol
            """
        ).rows.compactMap { $0[0].string }
        return traded.first { symbols.contains($0) } ?? symbols.first
    }

    func priceSection() throws(ReportError) -> Section {
        let title = "Price with entries and exits"
        let hasTable =
            try db.query("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'price_bars'").rows.first?
            .first?.int == 1
        guard hasTable else {
            if options.symbol != nil {
                throw ReportError(.usage, "\(db.path): this report has no price bars (written before schema version 2)")
            }
            return Section(
                id: "price", title: title,
                body: Self.paragraph(
                    "This report has no price bars (it was written before schema version 2); run the scenario again "
                        + "to get the price chart.", className: "note"))
        }
        guard let symbol = try priceSymbol() else {
            return Section(id: "price", title: title, body: Self.paragraph("No price bars.", className: "note"))
        }
        let from = options.from.map { $0.iso8601 } ?? ""
        let to = options.to.map { $0.iso8601 } ?? "9999"
        var body = ""
        for run in runs {
            let rows = try db.query(
                """
                SELECT time, open, high, low, close FROM price_bars
                WHERE run_id = ? AND symbol = ? AND time >= ? AND time <= ? ORDER BY time
                """, [.integer(run.id), .text(symbol), .text(from), .text(to)])
            var bars: [PriceChart.Bar] = []
            for row in rows.rows {
                guard let t = Self.time(row[0]) else { continue }
                bars.append(
                    PriceChart.Bar(
                        time: t, open: row[1].double ?? 0, high: row[2].double ?? 0, low: row[3].double ?? 0,
                        close: row[4].double ?? 0))
            }
            guard let first = bars.first, let last = bars.last else {
                body += Self.paragraph(
                    "Run \(run.name): no \(symbol) price bars between \(options.from.map { TimeText.minute($0.milliseconds) } ?? "the start") and "
                        + "\(options.to.map { TimeText.minute($0.milliseconds) } ?? "the end").", className: "note")
                continue
            }
            var interval = Int64.max
            for (a, b) in zip(bars, bars.dropFirst()) where b.time > a.time {
                interval = min(interval, b.time - a.time)
            }
            if interval == .max { interval = 3_600_000 }
            let windowFrom = options.from?.milliseconds ?? first.time
            let windowTo = options.to?.milliseconds ?? (last.time + interval - 1)
            let markers = try markers(run: run, symbol: symbol, from: windowFrom, to: windowTo)
            let present = strategies.filter { s in markers.contains { $0.strategy == s } }
            var chart = PriceChart(
                id: "chart-price-run-\(run.id)", title: "\(symbol) with entries and exits, run \(run.name)", bars: bars,
                interval: interval, markers: markers.map(\.marker),
                strategies: present.map { (name: $0, color: strategyColor($0)) }, valueTitle: "\(symbol) (USDT)",
                timeDomain: first.time...last.time)
            chart.height = 480
            let entries = markers.filter { $0.isEntry }.count
            let style = chart.drawsCandles ? "candles" : "high–low band and close line (bars too dense for candles)"
            body += "<h3>Run \(HTMLText.escape(run.name))</h3>\n"
            body += Self.figure(
                chart.svg(), id: chart.id,
                caption: "\(symbol), \(TimeText.minute(first.time)) to \(TimeText.minute(last.time + interval)) UTC, "
                    + "\(bars.count) bars as \(style); \(entries) entries and \(markers.count - entries) exits, "
                    + "coloured by strategy. Hover a marker for the position.",
                className: "chart price")
        }
        let intro = Self.paragraph(
            "Symbol \(symbol) (choose with --symbol; default: the most traded symbol), window with --from/--to "
                + "(default: the whole range). Entries: ▲ long, ▼ short; exits: ● take-profit, ✕ stop-loss, "
                + "□ other (close signal, liquidation, …), at the position's entry and (volume-weighted) exit price.")
        return Section(id: "price", title: title, body: intro + body)
    }

    /// A marker with what the caption counts.
    struct TradeMarker {
        var marker: PriceChart.Marker
        var strategy: String
        var isEntry: Bool
    }

    /// Entry and exit markers of the run's positions on `symbol` inside `from...to`.
    func markers(run: Run, symbol: String, from: Int64, to: Int64) throws(ReportError) -> [TradeMarker] {
        let rows = try db.query(
            """
            SELECT strategy_position_id, strategy_id, side, entry_price, entry_time, exit_price, exit_time,
                close_reason, realized_pnl
            FROM strategy_positions WHERE run_id = ? AND symbol = ? ORDER BY seq
            """, [.integer(run.id), .text(symbol)])
        var entries: [TradeMarker] = []
        var exits: [TradeMarker] = []
        for row in rows.rows {
            let id = row[0].string ?? ""
            let strategy = row[1].string ?? ""
            let side = row[2].string ?? ""
            let color = strategyColor(strategy)
            if let t = Self.time(row[4]), (from...to).contains(t), let price = row[3].double {
                let text = "\(id) \(strategy) \(side) entry \(TimeText.minute(t)) @ \(DoubleText.plain(price) ?? "")"
                entries.append(
                    TradeMarker(
                        marker: PriceChart.Marker(
                            time: t, price: price, color: color, shape: side == "SHORT" ? .shortEntry : .longEntry,
                            title: text), strategy: strategy, isEntry: true))
            }
            if let t = Self.time(row[6]), (from...to).contains(t), let price = row[5].double {
                let reason = row[7].string ?? "exit"
                let shape: MarkerShape =
                    switch reason {
                    case "take_profit": .takeProfit
                    case "stop_loss": .stopLoss
                    default: .otherExit
                    }
                let text =
                    "\(id) \(strategy) \(side) exit (\(reason)) \(TimeText.minute(t)) @ \(DoubleText.plain(price) ?? ""), "
                    + "realized \(HTMLText.money(row[8].double ?? 0))"
                exits.append(
                    TradeMarker(
                        marker: PriceChart.Marker(time: t, price: price, color: color, shape: shape, title: text),
                        strategy: strategy, isEntry: false))
            }
        }
        // Exits above entries so a quick round trip shows both.
        return entries + exits
    }
}
