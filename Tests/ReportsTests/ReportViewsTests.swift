import Testing

@testable import Reports

/// Every view on the two hand-computed runs of `SampleRuns` (see the comments there).
///
/// Run 1 (`accumulate`): sp1 momentum BTC LONG 0.01 @ 100000 → TP 102000 (+20, 2 %, 2 h);
/// sp2 mean_reversion BTC LONG 0.02 @ 101000 → SL 100000 (−20, −0.990 %, 2 h), on the same
/// lifecycle ep-000001; sp3 momentum ETH SHORT 1 @ 3000 → manual 2900 (+100, 3.33 %, 24 h);
/// sp4 mean_reversion ETH LONG 2 @ 3100 open (mark 3150: +100); sp5 momentum BTC LONG 0.01 @
/// 103000, 0.005 closed by TP at 104000 (+5), partial (mark 103500: +2.5). Fees 0.05 % of each
/// fill's notional; funding at 8 h: BTC LONG −0.0517, ETH LONG −0.624, ETH SHORT +0.312.
///
/// Run 2 (`strongest_wins`): four BTC LONG cycles, momentum in at t, mean_reversion at t+60 s,
/// +120 s, +300 s, +301 s; both out at t+1 h, momentum by TP 101000 (+10), mean_reversion by SL
/// 99000 (−10); then momentum alone, SL at 99500 (−5).
@Suite struct ReportViewsTests {
    let folder = TemporaryFolder()
    let db: ReportDatabase

    init() throws {
        db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
    }

    /// Percentages are stored exactly at 4 decimals (the live DECIMAL(10,4)).
    static let pct2 = -0.9901
    static let pct3 = 3.3333
    /// mean_reversion's holding times in run 2: 3540, 3480, 3300, 3299 s.
    static let run2MeanReversionMinutes = (59.0 + 58 + 55 + 3299.0 / 60) / 4

    @Test func strategyPerformanceCountsOpenPositions() throws {
        try expectRows(
            db, "SELECT * FROM strategy_performance ORDER BY run_id, strategy_id",
            [
                [1, "mean_reversion", 2, 1, 1, 0, 0, 1, 0, 1, -20.0, -20.0, approx(Self.pct2), 7200.0],
                [1, "momentum", 3, 2, 1, 0, 1, 0, 2, 0, 60.0, 120.0, approx((2 + Self.pct3) / 2), 46800.0],
                [2, "mean_reversion", 4, 4, 0, 0, 0, 4, 0, 4, -10.0, -40.0, approx(-1), 3404.75],
                [2, "momentum", 5, 5, 0, 0, 4, 1, 4, 1, 7.0, 35.0, approx(0.7), 3600.0],
            ])
    }

    @Test(arguments: ["contribution_summary", "v_contribution_summary"])
    func contributionSummary(view: String) throws {
        try expectRows(
            db, "SELECT * FROM \(view) ORDER BY run_id, strategy_id, symbol, position_side",
            [
                [1, "mean_reversion", "BTCUSDT", "LONG", 1, 0.02, 101000.0, -20.0, approx(Self.pct2)],
                [1, "momentum", "BTCUSDT", "LONG", 1, 0.01, 100000.0, 20.0, approx(2)],
                [1, "momentum", "ETHUSDT", "SHORT", 1, 1.0, 3000.0, 100.0, approx(Self.pct3)],
                [2, "mean_reversion", "BTCUSDT", "LONG", 4, 0.04, 100000.0, -40.0, approx(-1)],
                [2, "momentum", "BTCUSDT", "LONG", 5, 0.05, 100000.0, 35.0, approx(0.7)],
            ])
    }

    @Test func strategyStatistics() throws {
        try expectRows(
            db, "SELECT * FROM v_strategy_statistics",
            [
                [1, "momentum", 2, 1, 0, 2, 0, 60.0, 120.0, approx((2 + Self.pct3) / 2), 780.0],
                [1, "mean_reversion", 1, 0, 1, 0, 1, -20.0, -20.0, approx(Self.pct2), 120.0],
                [2, "momentum", 5, 4, 1, 4, 1, 7.0, 35.0, approx(0.7), 60.0],
                [2, "mean_reversion", 4, 0, 4, 0, 4, -10.0, -40.0, approx(-1), approx(Self.run2MeanReversionMinutes)],
            ])
    }

    @Test func winRateAndProfitFactor() throws {
        try expectRows(
            db, "SELECT * FROM v_win_rate_profit_factor",
            [
                [1, "mean_reversion", 1, 0, 1, 0.0, 0.0, 20.0, 0.0],
                [1, "momentum", 2, 2, 0, 100.0, 120.0, 0.0, nil],
                [2, "momentum", 5, 4, 1, 80.0, 40.0, 5.0, 8.0],
                [2, "mean_reversion", 4, 0, 4, 0.0, 0.0, 40.0, 0.0],
            ])
    }

    @Test func tpSlHitRates() throws {
        try expectRows(
            db, "SELECT * FROM v_tp_sl_hit_rates",
            [
                [1, "mean_reversion", "BTCUSDT", "LONG", 1, 0, 1, 0, 0.0, 100.0, nil, -20.0],
                [1, "momentum", "BTCUSDT", "LONG", 1, 1, 0, 0, 100.0, 0.0, 20.0, nil],
                [1, "momentum", "ETHUSDT", "SHORT", 1, 0, 0, 1, 0.0, 0.0, nil, nil],
                [2, "mean_reversion", "BTCUSDT", "LONG", 4, 0, 4, 0, 0.0, 100.0, nil, -10.0],
                [2, "momentum", "BTCUSDT", "LONG", 5, 4, 1, 0, 80.0, 20.0, 10.0, -5.0],
            ])
    }

    @Test func tpVsSlFiltersByStrategy() throws {
        try expectRows(
            db, "SELECT * FROM v_tp_vs_sl WHERE strategy_id = 'momentum'",
            [
                [1, "momentum", "manual", 1, 100.0, 100.0, approx(Self.pct3), 1440.0],
                [1, "momentum", "take_profit", 1, 20.0, 20.0, approx(2), 120.0],
                [2, "momentum", "stop_loss", 1, -5.0, -5.0, approx(-0.5), 60.0],
                [2, "momentum", "take_profit", 4, 10.0, 40.0, approx(1), 60.0],
            ])
        try expectRows(
            db, "SELECT * FROM v_tp_vs_sl WHERE strategy_id = 'mean_reversion'",
            [
                [1, "mean_reversion", "stop_loss", 1, -20.0, -20.0, approx(Self.pct2), 120.0],
                [2, "mean_reversion", "stop_loss", 4, -10.0, -40.0, approx(-1), approx(Self.run2MeanReversionMinutes)],
            ])
    }

    @Test func multiStrategyPositionsListStrategiesInEntryOrder() throws {
        var expected: [[Cell]] = [
            [1, "BTCUSDT_LONG", "ep-000001", "BTCUSDT", "LONG", 2, "momentum,mean_reversion", 0.03, 0.0, 2]
        ]
        for k in 1...4 {
            expected.append(
                [
                    2, "BTCUSDT_LONG", .text("ep-00000\(k)"), "BTCUSDT", "LONG", 2, "momentum,mean_reversion", 0.02,
                    0.0, 2,
                ])
        }
        try expectRows(db, "SELECT * FROM v_multi_strategy_positions", expected)
    }

    @Test func contributionTimelineFiltersByKey() throws {
        try expectRows(
            db,
            """
            SELECT lifecycle_id, position_sequence, contribution_id, strategy_id, contribution_quantity,
                contribution_entry_price, contribution_time, exchange_quantity_before, exchange_quantity_after,
                status, contribution_pnl, close_reason
            FROM v_contribution_timeline WHERE run_id = 1 AND exchange_position_key = 'BTCUSDT_LONG'
            """,
            [
                [
                    "ep-000001", 1, "pc-000001", "momentum", 0.01, 100000.0, "2026-02-01T00:00:00.000Z", 0.0, 0.01,
                    "closed", 20.0, "take_profit",
                ],
                [
                    "ep-000001", 2, "pc-000002", "mean_reversion", 0.02, 101000.0, "2026-02-01T01:00:00.000Z", 0.01,
                    0.03, "closed", -20.0, "stop_loss",
                ],
                [
                    "ep-000004", 1, "pc-000005", "momentum", 0.01, 103000.0, "2026-02-01T04:00:00.000Z", 0.0, 0.01,
                    "active", nil, nil,
                ],
            ])
    }

    @Test func exchangePositionSummaryLatestFirst() throws {
        try expectRows(
            db,
            """
            SELECT lifecycle_id, status, current_quantity, peak_quantity, weighted_avg_price, total_contributions,
                contributing_strategies, realized_pnl, commission, funding, net_pnl, unrealized_pnl, ambiguous_fills,
                duration_minutes
            FROM v_exchange_position_summary WHERE run_id = 1
            """,
            [
                [
                    "ep-000002", "closed", 0.0, 1.0, 3000.0, 1, "[\"momentum\"]", 100.0, 2.95, 0.312, 97.362, 0.0, 0,
                    1440.0,
                ],
                [
                    "ep-000004", "open", 0.005, 0.01, 103000.0, 1, "[\"momentum\"]", 5.0, 0.775, -0.0517, 4.1733, 2.5,
                    0, 60.0,
                ],
                [
                    "ep-000001", "closed", 0.0, 0.03, 100666.66666667, 2, "[\"momentum\",\"mean_reversion\"]", 0.0,
                    3.02,
                    0.0, -3.02, 0.0, 1, 180.0,
                ],
                [
                    "ep-000003", "open", 2.0, 2.0, 3100.0, 1, "[\"mean_reversion\"]", 0.0, 3.1, -0.624, -3.724, 100.0,
                    0, 0.0,
                ],
            ])
    }

    @Test func openVsClosedPositions() throws {
        try expectRows(
            db, "SELECT * FROM v_open_vs_closed_positions",
            [
                [1, "BTCUSDT", "LONG", "closed", 1, 0.0, 0.03, 100666.66666667, 2.0],
                [1, "BTCUSDT", "LONG", "open", 1, 0.005, 0.01, 103000.0, 1.0],
                [1, "ETHUSDT", "LONG", "open", 1, 2.0, 2.0, 3100.0, 1.0],
                [1, "ETHUSDT", "SHORT", "closed", 1, 0.0, 1.0, 3000.0, 1.0],
                [2, "BTCUSDT", "LONG", "closed", 5, 0.0, 0.018, 100000.0, 1.8],
            ])
    }

    @Test func dailyPnL() throws {
        var expected: [[Cell]] = [
            [1, "2026-02-01", "mean_reversion", 1, 0, -20.0, approx(Self.pct2)],
            [1, "2026-02-01", "momentum", 1, 1, 20.0, approx(2)],
            [1, "2026-02-02", "momentum", 1, 1, 100.0, approx(Self.pct3)],
        ]
        for day in 1...4 {
            expected.append([2, .text("2026-02-0\(day)"), "mean_reversion", 1, 0, -10.0, approx(-1)])
            expected.append([2, .text("2026-02-0\(day)"), "momentum", 1, 1, 10.0, approx(1)])
        }
        expected.append([2, "2026-02-05", "momentum", 1, 0, -5.0, approx(-0.5)])
        try expectRows(db, "SELECT * FROM v_daily_pnl", expected)
    }

    @Test func bestAndWorstTrades() throws {
        try expectRows(
            db,
            "SELECT trade_type, trade_rank, strategy_position_id, realized_pnl, close_reason FROM v_best_worst_trades "
                + "WHERE run_id = 1",
            [
                ["BEST", 1, "sp-000003", 100.0, "manual"], ["BEST", 2, "sp-000001", 20.0, "take_profit"],
                ["BEST", 3, "sp-000002", -20.0, "stop_loss"], ["WORST", 1, "sp-000002", -20.0, "stop_loss"],
                ["WORST", 2, "sp-000001", 20.0, "take_profit"], ["WORST", 3, "sp-000003", 100.0, "manual"],
            ])
        // Run 2 has nine closed trades; ties keep the older position first.
        try expectRows(
            db,
            "SELECT trade_rank, strategy_position_id FROM v_best_worst_trades WHERE run_id = 2 AND trade_type = 'WORST' "
                + "AND trade_rank <= 5",
            [[1, "sp-000002"], [2, "sp-000004"], [3, "sp-000006"], [4, "sp-000008"], [5, "sp-000009"]])
    }

    @Test func strategyComparison() throws {
        try expectRows(
            db, "SELECT * FROM v_strategy_comparison",
            [
                [1, "momentum", 2, 100.0, 120.0, 60.0, 100.0, 20.0, 50.0, 780.0],
                [1, "mean_reversion", 1, 0.0, -20.0, -20.0, -20.0, -20.0, 0.0, 120.0],
                [2, "momentum", 5, 80.0, 35.0, 7.0, 10.0, -5.0, 80.0, 60.0],
                [2, "mean_reversion", 4, 0.0, -40.0, -10.0, -10.0, -10.0, 0.0, approx(Self.run2MeanReversionMinutes)],
            ])
    }

    @Test func performanceBySymbolNeedsFiveTrades() throws {
        try expectRows(
            db, "SELECT * FROM v_performance_by_symbol",
            [[2, "momentum", "BTCUSDT", "LONG", 5, 80.0, 35.0, approx(0.7)]])
    }

    @Test func contributionAttribution() throws {
        try expectRows(
            db,
            """
            SELECT lifecycle_id, status, contribution_count, attribution, total_attributed_pnl, exchange_realized_pnl,
                remaining_quantity, weighted_avg_price
            FROM v_contribution_attribution WHERE run_id = 1
            """,
            [
                ["ep-000001", "closed", 2, "momentum: $20 | mean_reversion: $-20", 0.0, 0.0, 0.0, 100666.66666667],
                ["ep-000002", "closed", 1, "momentum: $100", 100.0, 100.0, 0.0, 3000.0],
                ["ep-000003", "open", 0, nil, 0.0, 0.0, 2.0, 3100.0],
                ["ep-000004", "open", 0, nil, 0.0, 5.0, 0.005, 103000.0],
            ])
    }

    @Test(arguments: [
        (Int64(-50_000_000), "-0.5"), (1, "0.00000001"), (1_000_000_000_000, "10000"), (0, "0"),
        (-123_456_789_012, "-1234.56789012"), (250_000_000, "2.5"),
    ])
    func attributionPrintsExactDecimals(e8: Int64, text: String) throws {
        let rows = try db.query("SELECT \(ReportViews.decimalText("x")) FROM (SELECT ? AS x)", [.integer(e8)])
        #expect(rows.rows[0][0] == .text(text))
    }

    @Test func strategyCorrelationCountsEntriesWithinFiveMinutes() throws {
        // 60, 120 and 300 s apart count; 301 s does not.
        try expectRows(db, "SELECT * FROM v_strategy_correlation", [[2, "mean_reversion", "momentum", 3, 160.0]])
    }

    @Test func signalOutcomes() throws {
        try expectRows(
            db, "SELECT stage, status, reason, signal_count FROM v_signal_outcomes WHERE run_id = 1",
            [
                ["deterministic", "executed", "ok", 5],
                ["cooldown", "rejected", "Accumulation cooldown active (300s)", 1],
                ["data", "skipped", "unknown symbol", 1],
                ["deterministic", "rejected", .text(SampleRuns.awkwardText), 1],
                ["duplicate", "duplicate", "Duplicate signal detected", 1],
            ])
    }

    @Test func modeComparison() throws {
        try expectRows(
            db, "SELECT * FROM v_mode_comparison",
            [
                [
                    1, "accumulate", "accumulate", "per_strategy", "hedge", "adaptive", "next_open", 5, 3, 2,
                    .exact(200.0 / 3), .exact(100.0 / 3), .exact(100.0 / 3), 0, 105.0, 105.0, 9.845, -0.3637, 0.0,
                    94.7913, 10197.2913, 197.2913, 40.0, .exact(40.0 / 10050 * 100), 9, 1, 5, 3, 1,
                ],
                [
                    2, "strongest_wins", "strongest_wins", "per_strategy", "hedge", "adaptive", "next_open", 9, 9, 4,
                    .exact(400.0 / 9), .exact(400.0 / 9), .exact(500.0 / 9), 0, -5.0, -5.0, 8.9975, 0.0, 0.0, -13.9975,
                    9986.0025, -13.9975, 13.9975, .exact(0.00139975 * 100), 18, 5, 9, 0, 0,
                ],
            ])
    }

    @Test func strategyByMode() throws {
        try expectRows(
            db, "SELECT * FROM v_strategy_by_mode",
            [
                [
                    1, "accumulate", "accumulate", "per_strategy", "mean_reversion", 2, 1, 0, 0, 1, 0.0, 0.0, 100.0,
                    -20.0, 5.11, -0.624, 0.0, -25.734, 100.0,
                ],
                [
                    1, "accumulate", "accumulate", "per_strategy", "momentum", 3, 2, 2, 1, 0, 100.0, 50.0, 0.0, 125.0,
                    4.735, 0.2603, 0.0, 120.5253, 2.5,
                ],
                [
                    2, "strongest_wins", "strongest_wins", "per_strategy", "mean_reversion", 4, 4, 0, 0, 4, 0.0, 0.0,
                    100.0, -40.0, 3.98, 0.0, 0.0, -43.98, 0.0,
                ],
                [
                    2, "strongest_wins", "strongest_wins", "per_strategy", "momentum", 5, 5, 4, 4, 1, 80.0, 80.0, 20.0,
                    35.0, 5.0175, 0.0, 0.0, 29.9825, 0.0,
                ],
            ])
    }

    @Test func everyViewHasRunID() throws {
        for view in ReportSchema.views {
            #expect(try db.columns(of: view.name).first == "run_id", "\(view.name)")
        }
        #expect(ReportSchema.views.filter { $0.name.hasPrefix("v_") }.count == 18)
    }
}
