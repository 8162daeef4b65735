import Backtest
import Foundation
import Market
import Results
import Testing

@testable import Reports

@Suite struct ReportWriterTests {
    let folder = TemporaryFolder()

    @Test func writesRunIDsInOrder() throws {
        let ids = try ReportWriter.write(
            [SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)], to: folder.file("r.sqlite"))
        #expect(ids == [1, 2])
        let db = try ReportDatabase(path: folder.file("r.sqlite"))
        #expect(try db.runs().map(\.label) == ["accumulate", "strongest_wins"])
    }

    @Test func passesIntegrityCheckAndOpensInTheSQLiteShell() throws {
        let path = try SampleRuns.writeReport(folder)
        let db = try ReportDatabase(path: path)
        #expect(try db.query("PRAGMA integrity_check").rows == [[.text("ok")]])

        let shell = try #require(which("sqlite3"), "the sqlite3 shell is installed")
        let result = try runProcess(
            shell,
            [
                "-batch", "-noheader", path,
                "PRAGMA integrity_check; SELECT COUNT(*) FROM fills; "
                    + "SELECT group_concat(strategy_id || '=' || total_pnl, ',') FROM v_strategy_statistics WHERE run_id = 1;",
            ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "ok\n27\nmomentum=120.0,mean_reversion=-20.0\n")
    }

    @Test func opensInPythonsSQLiteModule() throws {
        let path = try SampleRuns.writeReport(folder)
        let python = try #require(which("python3"))
        let script = """
            import sqlite3, sys
            con = sqlite3.connect(sys.argv[1])
            rows = con.execute("SELECT label, net_pnl, fees FROM v_mode_comparison ORDER BY run_id").fetchall()
            print(rows)
            """
        let result = try runProcess(python, ["-c", script, path])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out == "[('accumulate', 94.7913, 9.845), ('strongest_wins', -13.9975, 8.9975)]\n")
    }

    @Test func runsRowHoldsScenarioSettingsAndCounts() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        try expectRows(
            db,
            """
            SELECT run_id, label, scenario, description, same_direction, protection, position_mode, price_path,
                fill_reference, interval, symbols, engine_version, bars, first_bar_time, last_bar_time, signals_total,
                signals_decided, signals_outside_range, signals_unknown_symbol, initial_balance, initial_balance_e8,
                final_wallet, final_equity, final_equity_e8, result_digest
            FROM runs WHERE run_id = 1
            """,
            [
                [
                    1, "accumulate", "sample", "Two strategies, one \"shared\" leg\nand a second line", "accumulate",
                    "per_strategy", "hedge", "adaptive", "next_open", "1h", "[\"BTCUSDT\",\"ETHUSDT\"]",
                    .text(HedgesimVersion.current), 52, "2026-02-01T00:00:00.000Z", "2026-02-02T01:00:00.000Z", 9, 8, 0,
                    1, 10000.0, 1_000_000_000_000, 10094.7913, 10197.2913, 1_019_729_130_000,
                    .text(String(repeating: "1", count: 64)),
                ]
            ])
        let settings = try db.query("SELECT settings_json FROM runs WHERE run_id = 2").rows[0][0].string ?? ""
        #expect(settings.contains("\"engine.same_direction\":\"strongest_wins\""))
        try expectRows(db, "SELECT * FROM run_timings ORDER BY run_id", [[1, 0.25, 1.5, 0.0], [2, 0.0, 0.0, 0.0]])
    }

    @Test func rowCountsPerTable() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        let expected: [(String, Int64, Int64)] = [
            ("runs", 1, 1), ("run_timings", 1, 1), ("signal_decisions", 9, 9), ("orders", 6, 9), ("fills", 9, 18),
            ("strategy_positions", 5, 9), ("position_contributions", 5, 9), ("exchange_positions", 4, 5),
            ("funding_payments", 3, 0), ("funding_shares", 3, 0), ("equity", 4, 3), ("price_bars", 2, 0),
        ]
        #expect(expected.map(\.0) == ReportSchema.tables.map(\.name))
        for (table, run1, run2) in expected {
            try expectRows(
                db, "SELECT SUM(run_id = 1), SUM(run_id = 2) FROM \(table)", [[.int(run1), .int(run2)]])
        }
    }

    @Test func priceBarsHoldExactValues() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        try expectRows(
            db,
            "SELECT run_id, symbol, time, open, high_e8, low, close, close_e8 FROM price_bars ORDER BY symbol, time",
            [
                [
                    1, "BTCUSDT", "2026-02-01T00:00:00.000Z", 100000.0, 10_050_050_000_000, 99800.0, 100100.12345678,
                    10_010_012_345_678,
                ],
                [
                    1, "BTCUSDT", "2026-02-01T01:00:00.000Z", 100100.12345678, 10_120_000_000_000, 100000.0, 101000.0,
                    10_100_000_000_000,
                ],
            ])
    }

    @Test func strategyPositionsHoldExactValues() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        try expectRows(
            db,
            """
            SELECT strategy_position_id, status, entry_quantity, entry_quantity_e8, signed_quantity, remaining_quantity,
                exit_quantity, exit_price, realized_pnl, realized_pnl_e8, commission_total, funding, net_pnl, net_pnl_e8,
                unrealized_pnl, close_reason, exit_time, lifecycle_id, exchange_position_key, signal_seq,
                take_profit_price, stop_loss_price, ambiguous_exit
            FROM strategy_positions WHERE run_id = 1 ORDER BY seq
            """,
            [
                [
                    "sp-000001", "closed", 0.01, 1_000_000, 0.01, 0.0, 0.01, 102000.0, 20.0, 2_000_000_000, 1.01, 0.0,
                    18.99, 1_899_000_000, 0.0, "take_profit", "2026-02-01T02:00:00.000Z", "ep-000001", "BTCUSDT_LONG",
                    1, 102000.0, 99000.0, 0,
                ],
                [
                    "sp-000002", "closed", 0.02, 2_000_000, 0.02, 0.0, 0.02, 100000.0, -20.0, -2_000_000_000, 2.01, 0.0,
                    -22.01, -2_201_000_000, 0.0, "stop_loss", "2026-02-01T03:00:00.000Z", "ep-000001", "BTCUSDT_LONG",
                    2, nil, nil, 1,
                ],
                [
                    "sp-000003", "closed", 1.0, 100_000_000, -1.0, 0.0, 1.0, 2900.0, 100.0, 10_000_000_000, 2.95, 0.312,
                    97.362, 9_736_200_000, 0.0, "manual", "2026-02-02T01:00:00.000Z", "ep-000002", "ETHUSDT_SHORT", 3,
                    nil, nil, 0,
                ],
                [
                    "sp-000004", "open", 2.0, 200_000_000, 2.0, 2.0, nil, nil, 0.0, 0, 3.1, -0.624, -3.724,
                    -372_400_000, 100.0, nil, nil, "ep-000003", "ETHUSDT_LONG", 4, nil, nil, 0,
                ],
                [
                    "sp-000005", "partial", 0.01, 1_000_000, 0.01, 0.005, 0.005, 104000.0, 5.0, 500_000_000, 0.775,
                    -0.0517, 4.1733, 417_330_000, 2.5, "take_profit", "2026-02-01T05:00:00.000Z", "ep-000004",
                    "BTCUSDT_LONG", 5, nil, nil, 0,
                ],
            ])
        try expectRows(
            db,
            "SELECT strategy_metadata, timeframe, confidence, strength FROM strategy_positions WHERE run_id = 1 LIMIT 1",
            [
                [
                    "{\"timeframe\":\"1h\",\"confidence\":0.75,\"strength\":\"strong\",\"rationale\":\"test, \\\"x\\\"\"}",
                    "1h", 0.75, "strong",
                ]
            ])
    }

    @Test func fillsOrdersFundingAndEquityRows() throws {
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        try expectRows(
            db,
            """
            SELECT trade_id, order_id, symbol, side, position_side, buyer, maker, price, price_e8, qty, quote_qty,
                commission, commission_asset, realized_pnl, liquidation, liquidation_fee, time, bar_time, path_point,
                ambiguous, order_type, purpose, strategy_position_id, strategy_id
            FROM fills WHERE run_id = 1 AND trade_id IN (1, 6)
            """,
            [
                [
                    1, 1, "BTCUSDT", "BUY", "LONG", 1, 0, 100000.0, 10_000_000_000_000, 0.01, 1000.0, 0.5, "USDT", 0.0,
                    0, 0.0, "2026-02-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "O", 0, "MARKET", "entry",
                    "sp-000001", "momentum",
                ],
                [
                    6, 6, "BTCUSDT", "SELL", "LONG", 0, 0, 100000.0, 10_000_000_000_000, 0.02, 2000.0, 1.0, "USDT",
                    -20.0,
                    0, 0.0, "2026-02-01T03:00:00.000Z", "2026-02-01T03:00:00.000Z", "O", 1, "STOP_MARKET", "stop_loss",
                    "sp-000002", "mean_reversion",
                ],
            ])
        try expectRows(
            db,
            """
            SELECT seq, order_id, type, time_in_force, working_type, close_position, quantity, stop_price, status,
                expiry_reason, executed_quantity, purpose, reject_code, reject_message
            FROM orders WHERE run_id = 1 AND order_id IS NULL
            """,
            [
                [
                    6, nil, "STOP_MARKET", "GTE_GTC", "MARK_PRICE", 1, nil, 104500.0, "REJECTED", 0, 0.0, "stop_loss",
                    -2021, "Order would immediately trigger.",
                ]
            ])
        try expectRows(
            db,
            "SELECT seq, symbol, position_side, time, rate, mark_price, position_quantity, amount, amount_e8, "
                + "lifecycle_id FROM funding_payments WHERE run_id = 1 ORDER BY seq",
            [
                [
                    1, "BTCUSDT", "LONG", "2026-02-01T08:00:00.000Z", 0.0001, 103400.0, 0.005, -0.0517, -5_170_000,
                    "ep-000004",
                ],
                [
                    2, "ETHUSDT", "LONG", "2026-02-01T08:00:00.000Z", 0.0001, 3120.0, 2.0, -0.624, -62_400_000,
                    "ep-000003",
                ],
                [
                    3, "ETHUSDT", "SHORT", "2026-02-01T08:00:00.000Z", 0.0001, 3120.0, 1.0, 0.312, 31_200_000,
                    "ep-000002",
                ],
            ])
        try expectRows(
            db,
            "SELECT funding_seq, strategy_position_id, strategy_id, amount FROM funding_shares WHERE run_id = 1 ORDER BY funding_seq",
            [
                [1, "sp-000005", "momentum", -0.0517], [2, "sp-000004", "mean_reversion", -0.624],
                [3, "sp-000003", "momentum", 0.312],
            ])
        try expectRows(
            db, "SELECT seq, time, equity, drawdown, drawdown_pct FROM equity WHERE run_id = 1",
            [
                [1, "2026-02-01T00:00:00.000Z", 10000.0, 0.0, 0.0],
                [2, "2026-02-01T08:00:00.000Z", 10050.0, 0.0, 0.0],
                [3, "2026-02-01T16:00:00.000Z", 10010.0, 40.0, .exact(40.0 / 10050 * 100)],
                [4, "2026-02-02T01:00:00.000Z", 10197.2913, 0.0, 0.0],
            ])
    }

    @Test func timesBeforeTheEpochAndFarFutureAreISO() throws {
        var run = SampleRuns.accumulate(folder)
        run.firstBar = Timestamp(milliseconds: -1)
        run.lastBar = Timestamp(year: 2099, month: 12, day: 31, hour: 23, minute: 59, second: 59, millisecond: 999)
        run.equity[1].time = Timestamp(year: 2026, month: 2, day: 1, hour: 13, minute: 7, second: 9, millisecond: 45)
        try ReportWriter.write([run], to: folder.file("t.sqlite"))
        let db = try ReportDatabase(path: folder.file("t.sqlite"))
        try expectRows(
            db, "SELECT first_bar_time, last_bar_time FROM runs",
            [["1969-12-31T23:59:59.999Z", "2099-12-31T23:59:59.999Z"]])
        try expectRows(
            db, "SELECT time FROM equity ORDER BY seq LIMIT 3",
            [["2026-02-01T00:00:00.000Z"], ["2026-02-01T13:07:09.045Z"], ["2026-02-01T16:00:00.000Z"]])
    }

    @Test func sameRunsGiveByteIdenticalFiles() throws {
        let runs = [SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)]
        try ReportWriter.write(runs, to: folder.file("a.sqlite"))
        try ReportWriter.write(runs, to: folder.file("b.sqlite"))
        let a = try #require(FileManager.default.contents(atPath: folder.file("a.sqlite")))
        let b = try #require(FileManager.default.contents(atPath: folder.file("b.sqlite")))
        #expect(a == b)
    }

    @Test func replacesAnExistingReport() throws {
        let path = folder.file("r.sqlite")
        try ReportWriter.write([SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)], to: path)
        try ReportWriter.write([SampleRuns.strongestWins(folder)], to: path)
        #expect(try ReportDatabase(path: path).runs().map(\.label) == ["strongest_wins"])
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test(arguments: ReportSchema.tables.map(\.name))
    func failureMidWriteLeavesThePreviousReportUntouched(failBefore table: String) throws {
        let path = folder.file("r.sqlite")
        try ReportWriter.write([SampleRuns.accumulate(folder)], to: path)
        let before = try #require(FileManager.default.contents(atPath: path))
        #expect(throws: ReportError.self) {
            try ReportWriter.write(
                [SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)], to: path, failBefore: table)
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
        #expect(try ReportDatabase(path: path).runs().map(\.label) == ["accumulate"])
    }

    /// A session dropped before `finish` (a later run failed or was interrupted) leaves no file
    /// and keeps the previous report.
    @Test func sessionDroppedBeforeFinishLeavesNothing() throws {
        let path = folder.file("r.sqlite")
        try ReportWriter.write([SampleRuns.strongestWins(folder)], to: path)
        let before = try #require(FileManager.default.contents(atPath: path))
        do {
            let session = try ReportSession(path: path)
            #expect(try session.append(SampleRuns.accumulate(folder)).id == 1)
            #expect(folder.names.contains { $0.hasPrefix(".r.sqlite.") && $0.hasSuffix(".tmp") })
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// Runs appended one by one give the same file as one `write`, also when they come without
    /// their result digest (the session computes it); a finished session takes no more runs.
    @Test func sessionAppendsGiveTheSameFileAsWrite() throws {
        let runs = [SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)].map { run in
            var digested = run
            digested.resultDigest = run.computeDigest()
            return digested
        }
        try ReportWriter.write(runs, to: folder.file("a.sqlite"))
        let session = try ReportSession(path: folder.file("b.sqlite"))
        let stored = try runs.map { run in
            var bare = run
            bare.resultDigest = ""
            return try session.append(bare)
        }
        #expect(stored.map(\.id) == [1, 2])
        #expect(stored.map(\.resultDigest) == runs.map(\.resultDigest))
        try session.finish()
        let a = try #require(FileManager.default.contents(atPath: folder.file("a.sqlite")))
        let b = try #require(FileManager.default.contents(atPath: folder.file("b.sqlite")))
        #expect(a == b)
        do {
            try session.append(runs[0])
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .io)
            #expect(error.message == folder.file("b.sqlite") + ": the report is closed")
        }
    }

    /// The live schema's unique keys, built after the rows, still fail the write on a duplicate.
    @Test func duplicateTradeIDsFailTheWriteAndKeepThePreviousReport() throws {
        let path = folder.file("r.sqlite")
        try ReportWriter.write([SampleRuns.accumulate(folder)], to: path)
        let before = try #require(FileManager.default.contents(atPath: path))
        var broken = SampleRuns.strongestWins(folder)
        broken.fills[3].fill.tradeID = broken.fills[2].fill.tradeID
        do {
            try ReportWriter.write([broken], to: path, indexes: .live)
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .sqlite)
            #expect(error.message.contains("UNIQUE constraint failed: fills.run_id, fills.trade_id"))
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func unwritableFolderIsAnIOError() throws {
        do {
            try ReportWriter.write([SampleRuns.accumulate(folder)], to: "/dev/null/reports/r.sqlite")
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .io)
            #expect(error.message.hasPrefix("/dev/null/reports: cannot create the report folder"))
        }
    }

    @Test func createsMissingFolders() throws {
        let path = folder.file("nested/deeper/r.sqlite")
        try ReportWriter.write([SampleRuns.accumulate(folder)], to: path)
        #expect(try ReportDatabase(path: path).runs().count == 1)
    }

    @Test func updatesTimingsOfOneRun() throws {
        let path = try SampleRuns.writeReport(folder)
        try ReportWriter.updateTimings(RunTimings(read: 1.25, simulate: 2.5, report: 0.125), runID: 2, at: path)
        let db = try ReportDatabase(path: path)
        try expectRows(db, "SELECT * FROM run_timings ORDER BY run_id", [[1, 0.25, 1.5, 0.0], [2, 1.25, 2.5, 0.125]])
        #expect(throws: ReportError(.unknownRun, "\(path): no run 9")) {
            try ReportWriter.updateTimings(RunTimings(), runID: 9, at: path)
        }
    }

    @Test func emptyRunWritesEmptyTables() throws {
        let header = SampleRuns.accumulate(folder).header
        let run = RunResult(header: header, label: "empty", engineVersion: "0", initialBalance: 10_000)
        let path = folder.file("empty.sqlite")
        try ReportWriter.write([run], to: path)
        let db = try ReportDatabase(path: path)
        try expectRows(db, "SELECT COUNT(*) FROM fills", [[0]])
        try expectRows(
            db, "SELECT positions, trades, win_rate_pct, net_pnl, max_drawdown FROM v_mode_comparison",
            [[0, 0, nil, 0.0, 0.0]])
    }
}
