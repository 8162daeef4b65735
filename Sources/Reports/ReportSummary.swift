import Market

/// The terminal summary of a report, computed from the database alone (the views
/// `v_mode_comparison`, `v_strategy_by_mode`, `v_signal_outcomes` and the `runs` table), so
/// `hedgesim report`, `run` and `compare` print the same tables.
///
/// Money is shown to two decimals and percentages to one; the database holds the exact values.
public enum ReportSummary {
    /// How many rejection reasons each run lists.
    public static let topReasons = 5

    /// Renders the summary of `runIDs` (every run when nil): per run a header, a per-strategy
    /// table with totals, drawdown and signal outcomes; for several runs, a comparison table per
    /// mode with differences against the first run and net PnL per strategy per mode.
    public static func render(dbPath: String, runIDs: [Int64]? = nil) throws(ReportError) -> String {
        let db = try ReportDatabase(path: dbPath)
        // Read through SQLite's page cache, not a memory map: mapped pages count in the process's
        // resident memory, and the views scan whole tables (on `year10` a map added 231 MB for
        // 0.06 s less; docs/performance.md, "Memory").
        try? db.connection.execute("PRAGMA mmap_size = 0;")
        let ids = try db.selectRuns(ids: runIDs ?? [])
        var out = ""
        // `v_mode_comparison` aggregates every run of the file whatever the filter: read it once.
        let modeRows = try db.query("SELECT * FROM v_mode_comparison")
        // Every selected run's strategies in one query (one scan instead of one per run).
        let strategies = try db.query(
            "SELECT * FROM v_strategy_by_mode WHERE run_id IN (" + ids.map { String($0) }.joined(separator: ", ")
                + ") ORDER BY run_id, strategy_id")
        var modes: [ModeRow] = []
        for id in ids {
            let mode = ModeRow(modeRows, runID: id)
            modes.append(mode)
            out += try runSection(db: db, mode: mode, strategies: strategies)
            out += "\n"
        }
        if modes.count > 1 {
            out += comparison(modes: modes, strategies: strategies, vsFirst: CompareVsFirst.read(dbPath: dbPath))
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    // MARK: One run

    private static func runSection(
        db: ReportDatabase, mode: ModeRow, strategies: ReportDatabase.Rows
    ) throws(ReportError) -> String {
        let run = try db.query("SELECT * FROM runs WHERE run_id = ?", [.integer(mode.runID)])
        func text(_ column: String) -> String {
            switch run.value(0, column) {
            case .text(let value): value
            case .integer(let value): String(value)
            case .real(let value): DoubleText.plain(value) ?? ""
            case .null: "-"
            }
        }
        var out = "Run \(mode.runID): \(text("scenario")) — \(text("label"))\n"
        var header = TextTable([("", .left), ("", .left)])
        header.showsHeader = false
        header.add(["scenario", "\(text("scenario")) (\(text("scenario_file")))"])
        header.add([
            "settings",
            "same_direction=\(text("same_direction")) protection=\(text("protection")) "
                + "position_mode=\(text("position_mode")) price_path=\(text("price_path")) "
                + "fill=\(text("fill_reference"))",
        ])
        header.add([
            "range", "\(text("first_bar_time")) … \(text("last_bar_time")) (\(text("interval")), \(text("bars")) bars)",
        ])
        header.add([
            "signals",
            "\(text("signals_total")) total, \(text("signals_decided")) decided, "
                + "\(text("signals_outside_range")) outside the range, \(text("signals_unknown_symbol")) unknown symbol",
        ])
        header.add(["digest", "result \(text("result_digest"))"])
        header.add(["", "data   \(text("data_digest"))"])
        header.add([
            "equity",
            "\(money(run.value(0, "initial_balance"))) → \(money(run.value(0, "final_equity"))) "
                + "(max drawdown \(money(.real(mode.maxDrawdown))), \(percent(.real(mode.maxDrawdownPercent))) %)",
        ])
        out += header.render(indent: "  ")
        out += "\n"
        out += strategyTable(runRows(strategies, mode.runID))
        out += "  exchange: realized \(money(.real(mode.exchangeRealized))), fees \(money(.real(mode.fees))), "
        out += "funding \(money(.real(mode.funding))), liquidation fees \(money(.real(mode.liquidationFees))), "
        out += "net \(money(.real(mode.net)))\n\n"
        out += try signalSection(db: db, mode: mode)
        return out
    }

    /// The rows of one run (the first column is `run_id`), in their order.
    private static func runRows(_ rows: ReportDatabase.Rows, _ runID: Int64) -> ReportDatabase.Rows {
        ReportDatabase.Rows(columns: rows.columns, rows: rows.rows.filter { $0.first == .integer(runID) })
    }

    /// The per-strategy table of one run: its `v_strategy_by_mode` rows by `strategy_id`.
    private static func strategyTable(_ rows: ReportDatabase.Rows) -> String {
        guard !rows.rows.isEmpty else { return "  no strategy positions\n\n" }
        var table = TextTable([
            ("strategy", .left), ("positions", .right), ("trades", .right), ("win %", .right), ("TP %", .right),
            ("SL %", .right), ("realized", .right), ("fees", .right), ("funding", .right), ("liq. fees", .right),
            ("net", .right),
        ])
        // nil once a sum leaves the Int64 range (only a damaged report gets there).
        var totals = [Int64?](repeating: 0, count: 5)  // positions, trades, wins, tp, sl
        var sums = [Int64?](repeating: 0, count: 5)  // realized, fees, funding, liquidation, net (e8)
        let countColumns = ["positions", "trades", "wins", "tp_hits", "sl_hits"]
        let moneyColumns = ["realized_pnl", "commission", "funding", "liquidation_fee", "net_pnl"]
        func add(_ sum: Int64?, _ value: Int64?) -> Int64? {
            guard let sum, let value, case let (next, false) = sum.addingReportingOverflow(value) else { return nil }
            return next
        }
        for row in 0..<rows.rows.count {
            for (k, column) in countColumns.enumerated() {
                totals[k] = add(totals[k], rows.value(row, column).int ?? 0)
            }
            for (k, column) in moneyColumns.enumerated() {
                sums[k] = add(sums[k], rows.value(row, column).double.map { Money(checkedApproximating: $0)?.raw } ?? 0)
            }
            table.add(
                [rows.value(row, "strategy_id").string ?? ""]
                    + countColumns.prefix(2).map { String(rows.value(row, $0).int ?? 0) }
                    + ["win_rate_pct", "tp_hit_rate_pct", "sl_hit_rate_pct"].map { percent(rows.value(row, $0)) }
                    + moneyColumns.map { money(rows.value(row, $0)) })
        }
        func rate(_ count: Int64?) -> String {
            guard let trades = totals[1], trades > 0 else { return "-" }
            guard let count else { return outOfRange }
            return percent(.real(100 * Double(count) / Double(trades)))
        }
        func count(_ total: Int64?) -> String { total.map { String($0) } ?? outOfRange }
        table.addTotals(
            ["total", count(totals[0]), count(totals[1]), rate(totals[2]), rate(totals[3]), rate(totals[4])]
                + sums.map { $0.map { money(.real(Double($0) / 1e8)) } ?? outOfRange })
        return table.render(indent: "  ")
    }

    private static func signalSection(db: ReportDatabase, mode: ModeRow) throws(ReportError) -> String {
        var out = "  signals: \(mode.executed) executed, \(mode.rejected) rejected, \(mode.skipped) skipped\n"
        let reasons = try db.query(
            """
            SELECT stage, status, reason, signal_count FROM v_signal_outcomes
            WHERE run_id = ? AND status NOT IN ('executed', 'skipped')
            ORDER BY signal_count DESC, stage, status, reason LIMIT \(topReasons)
            """, [.integer(mode.runID)])
        guard !reasons.rows.isEmpty else { return out }
        var table = TextTable([("stage", .left), ("status", .left), ("reason", .left), ("signals", .right)])
        for row in reasons.rows {
            table.add([row[0].string ?? "", row[1].string ?? "", row[2].string ?? "", String(row[3].int ?? 0)])
        }
        out += "  top rejection reasons:\n" + table.render(indent: "    ")
        return out
    }

    // MARK: Several runs

    private static func comparison(
        modes: [ModeRow], strategies byMode: ReportDatabase.Rows, vsFirst: [Int64: CompareVsFirst.Row]
    ) -> String {
        let first = modes[0]
        var out = "Comparison (Δ against run \(first.runID): \(first.label))\n"
        var table = TextTable([
            ("run", .right), ("label", .left), ("trades", .right),
            ("win %", .right), ("TP %", .right), ("SL %", .right), ("realized", .right), ("fees", .right),
            ("funding", .right), ("net", .right), ("Δ net", .right), ("95 % CI", .right), ("p", .right),
            ("max DD", .right), ("executed", .right), ("rejected", .right),
        ])
        for mode in modes {
            table.add([
                String(mode.runID), mode.label, String(mode.trades),
                percent(mode.winRate), percent(mode.tpRate), percent(mode.slRate),
                money(.real(mode.exchangeRealized)), money(.real(mode.fees)), money(.real(mode.funding)),
                money(.real(mode.net)), signedMoney(mode.net - first.net), interval(vsFirst[mode.runID]),
                pValue(vsFirst[mode.runID]?.pValue), money(.real(mode.maxDrawdown)),
                String(mode.executed), String(mode.rejected),
            ])
        }
        out += table.render(indent: "  ") + "\n"

        // (run_id, strategy_id, net_pnl) by strategy_id (SQLite's BINARY order: UTF-8 bytes), then run.
        let strategyColumn = byMode.columns.firstIndex(of: "strategy_id") ?? 0
        let netColumn = byMode.columns.firstIndex(of: "net_pnl") ?? 0
        let rows = byMode.rows.map { [$0[0], $0[strategyColumn], $0[netColumn]] }.sorted { a, b in
            let (sa, sb) = (a[1].string ?? "", b[1].string ?? "")
            guard sa.utf8.elementsEqual(sb.utf8) else { return sa.utf8.lexicographicallyPrecedes(sb.utf8) }
            return (a[0].int ?? 0) < (b[0].int ?? 0)
        }
        var strategies: [String] = []
        for row in rows {
            let name = row[1].string ?? ""
            if !strategies.contains(name) { strategies.append(name) }
        }
        var columns: [(String, TextTable.Alignment)] = [("strategy", .left)]
        for (index, mode) in modes.enumerated() {
            columns.append((mode.label, .right))
            if index > 0 { columns.append(("Δ", .right)) }
        }
        var perStrategy = TextTable(columns)
        for strategy in strategies {
            func net(_ runID: Int64) -> Double? {
                rows.first { $0[0].int == runID && $0[1].string == strategy }?[2].double
            }
            let base = net(first.runID) ?? 0
            var cells = [strategy]
            for (index, mode) in modes.enumerated() {
                let value = net(mode.runID)
                cells.append(value.map { money(.real($0)) } ?? "-")
                if index > 0 { cells.append(signedMoney((value ?? 0) - base)) }
            }
            perStrategy.add(cells)
        }
        func total(_ runID: Int64) -> Double {
            var sum: Int64 = 0
            for row in rows where row[0].int == runID {
                // A value or sum past the fixed-point range (a damaged report) prints as such.
                guard let raw = row[2].double.map({ Money(checkedApproximating: $0)?.raw }) ?? 0,
                    case let (next, false) = sum.addingReportingOverflow(raw)
                else { return .infinity }
                sum = next
            }
            return Double(sum) / 1e8
        }
        var totals = ["total"]
        for (index, mode) in modes.enumerated() {
            totals.append(money(.real(total(mode.runID))))
            if index > 0 { totals.append(signedMoney(total(mode.runID) - total(first.runID))) }
        }
        perStrategy.addTotals(totals)
        out += "Net PnL per strategy and mode\n" + perStrategy.render(indent: "  ")
        return out
    }

    /// One row of `v_mode_comparison`.
    private struct ModeRow {
        var runID: Int64
        var label: String
        var trades: Int64
        var winRate: ReportValue
        var tpRate: ReportValue
        var slRate: ReportValue
        var exchangeRealized: Double
        var fees: Double
        var funding: Double
        var liquidationFees: Double
        var net: Double
        var maxDrawdown: Double
        var maxDrawdownPercent: Double
        var executed: Int64
        var rejected: Int64
        var skipped: Int64

        /// The row of `runID` among the rows of `v_mode_comparison` (NULLs when it has none).
        init(_ rows: ReportDatabase.Rows, runID: Int64) {
            let row = rows.rows.firstIndex { $0.first == .integer(runID) }
            func v(_ column: String) -> ReportValue { row.map { rows.value($0, column) } ?? .null }
            self.runID = runID
            label = v("label").string ?? ""
            trades = v("trades").int ?? 0
            winRate = v("win_rate_pct")
            tpRate = v("tp_hit_rate_pct")
            slRate = v("sl_hit_rate_pct")
            exchangeRealized = v("exchange_realized_pnl").double ?? 0
            fees = v("fees").double ?? 0
            funding = v("funding").double ?? 0
            liquidationFees = v("liquidation_fees").double ?? 0
            net = v("net_pnl").double ?? 0
            maxDrawdown = v("max_drawdown").double ?? 0
            maxDrawdownPercent = v("max_drawdown_pct").double ?? 0
            executed = v("signals_executed").int ?? 0
            rejected = v("signals_rejected").int ?? 0
            skipped = v("signals_skipped").int ?? 0
        }
    }

    // MARK: Formatting

    /// `[low, high]` of a run's Δ net interval against the first run, `-` without one.
    static func interval(_ row: CompareVsFirst.Row?) -> String {
        guard let row, let low = row.ciLow, let high = row.ciHigh else { return "-" }
        return "[\(signedMoney(low)), \(signedMoney(high))]"
    }

    /// A p-value to three decimals (`<0.001` below), `-` without one.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "-" }
        guard p >= 0.0005 else { return "<0.001" }
        guard let thousandths = Int(exactly: (p * 1000).rounded()), thousandths <= 1_000_000 else { return outOfRange }
        let digits = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - digits.count) + digits
    }

    /// What a value that no fixed-point amount can hold prints as (infinite, NaN or beyond
    /// ±9.2 × 10¹⁰: only a damaged or hand-edited report holds one).
    static let outOfRange = "out of range"

    /// Money to two decimals (half away from zero), `-` for NULL.
    static func money(_ value: ReportValue) -> String {
        guard let double = value.double else { return "-" }
        guard let amount = Money(checkedApproximating: double) else { return outOfRange }
        return amount.rounded(decimals: 2, .nearest).formatted(decimals: 2)
    }

    /// A difference with its sign: `+12.50`, `-3.00`, `0.00`.
    static func signedMoney(_ value: Double) -> String {
        let text = money(.real(value))
        return value > 0 && text != "0.00" ? "+" + text : text
    }

    /// A percentage to one decimal, `-` for NULL.
    static func percent(_ value: ReportValue) -> String {
        guard let double = value.double else { return "-" }
        guard let percent = Price(checkedApproximating: double) else { return outOfRange }
        return percent.rounded(decimals: 1, .nearest).formatted(decimals: 1)
    }
}
