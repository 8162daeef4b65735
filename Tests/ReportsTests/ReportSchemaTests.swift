import Results
import Testing

@testable import Reports

/// The schema as a fixture: a change to any table, column, type, view or index must be made here
/// too (and `ReportSchema.version` bumped), so it is deliberate.
@Suite struct ReportSchemaTests {
    static let snapshot = """
        table runs
            run_id INTEGER
            label TEXT
            scenario TEXT
            scenario_file TEXT
            description TEXT
            settings_json TEXT
            same_direction TEXT
            protection TEXT
            position_mode TEXT
            price_path TEXT
            fill_reference TEXT
            interval TEXT
            symbols TEXT
            data_digest TEXT
            result_digest TEXT
            engine_version TEXT
            bars INTEGER
            first_bar_time TEXT
            last_bar_time TEXT
            signals_total INTEGER
            signals_decided INTEGER
            signals_outside_range INTEGER
            signals_unknown_symbol INTEGER
            initial_balance REAL
            initial_balance_e8 INTEGER
            final_wallet REAL
            final_wallet_e8 INTEGER
            final_equity REAL
            final_equity_e8 INTEGER
        table run_timings
            run_id INTEGER
            read_seconds REAL
            simulate_seconds REAL
            report_seconds REAL
        table signal_decisions
            run_id INTEGER
            seq INTEGER
            file TEXT
            line INTEGER
            signal_id TEXT
            strategy_id TEXT
            symbol TEXT
            action TEXT
            confidence REAL
            strategy_mode TEXT
            signal_time TEXT
            decision_time TEXT
            stage TEXT
            status TEXT
            reason TEXT
            quantity REAL
            quantity_e8 INTEGER
            order_id INTEGER
        table orders
            run_id INTEGER
            seq INTEGER
            order_id INTEGER
            client_order_id TEXT
            symbol TEXT
            side TEXT
            position_side TEXT
            type TEXT
            time_in_force TEXT
            working_type TEXT
            close_position INTEGER
            quantity REAL
            quantity_e8 INTEGER
            price REAL
            price_e8 INTEGER
            stop_price REAL
            stop_price_e8 INTEGER
            status TEXT
            expiry_reason INTEGER
            executed_quantity REAL
            executed_quantity_e8 INTEGER
            average_price REAL
            average_price_e8 INTEGER
            create_time TEXT
            update_time TEXT
            purpose TEXT
            strategy_position_id TEXT
            strategy_id TEXT
            reject_code INTEGER
            reject_message TEXT
        table fills
            run_id INTEGER
            trade_id INTEGER
            order_id INTEGER
            client_order_id TEXT
            symbol TEXT
            side TEXT
            position_side TEXT
            buyer INTEGER
            maker INTEGER
            price REAL
            price_e8 INTEGER
            qty REAL
            qty_e8 INTEGER
            quote_qty REAL
            quote_qty_e8 INTEGER
            commission REAL
            commission_e8 INTEGER
            commission_asset TEXT
            realized_pnl REAL
            realized_pnl_e8 INTEGER
            liquidation INTEGER
            liquidation_fee REAL
            liquidation_fee_e8 INTEGER
            time TEXT
            bar_time TEXT
            path_point TEXT
            ambiguous INTEGER
            order_type TEXT
            purpose TEXT
            strategy_position_id TEXT
            strategy_id TEXT
        table strategy_positions
            run_id INTEGER
            seq INTEGER
            strategy_position_id TEXT
            strategy_id TEXT
            signal_id TEXT
            decision_id TEXT
            signal_seq INTEGER
            symbol TEXT
            side TEXT
            entry_quantity REAL
            entry_quantity_e8 INTEGER
            signed_quantity REAL
            signed_quantity_e8 INTEGER
            entry_price REAL
            entry_price_e8 INTEGER
            entry_time TEXT
            entry_order_id INTEGER
            take_profit_price REAL
            take_profit_price_e8 INTEGER
            stop_loss_price REAL
            stop_loss_price_e8 INTEGER
            tp_order_id INTEGER
            sl_order_id INTEGER
            protection_note TEXT
            status TEXT
            remaining_quantity REAL
            remaining_quantity_e8 INTEGER
            exit_quantity REAL
            exit_quantity_e8 INTEGER
            exit_price REAL
            exit_price_e8 INTEGER
            exit_time TEXT
            exit_order_id INTEGER
            close_reason TEXT
            realized_pnl REAL
            realized_pnl_e8 INTEGER
            realized_pnl_pct REAL
            commission_total REAL
            commission_total_e8 INTEGER
            funding REAL
            funding_e8 INTEGER
            liquidation_fee REAL
            liquidation_fee_e8 INTEGER
            net_pnl REAL
            net_pnl_e8 INTEGER
            unrealized_pnl REAL
            unrealized_pnl_e8 INTEGER
            ambiguous_exit INTEGER
            exchange_position_key TEXT
            lifecycle_id TEXT
            strategy_metadata TEXT
            timeframe TEXT
            confidence REAL
            strength TEXT
        table position_contributions
            run_id INTEGER
            contribution_id TEXT
            strategy_position_id TEXT
            exchange_position_key TEXT
            lifecycle_id TEXT
            strategy_id TEXT
            symbol TEXT
            position_side TEXT
            contribution_quantity REAL
            contribution_quantity_e8 INTEGER
            contribution_entry_price REAL
            contribution_entry_price_e8 INTEGER
            contribution_time TEXT
            position_sequence INTEGER
            exchange_quantity_before REAL
            exchange_quantity_before_e8 INTEGER
            exchange_quantity_after REAL
            exchange_quantity_after_e8 INTEGER
            status TEXT
            close_reason TEXT
            exit_time TEXT
            exit_price REAL
            exit_price_e8 INTEGER
            contribution_pnl REAL
            contribution_pnl_e8 INTEGER
            contribution_pnl_pct REAL
        table exchange_positions
            run_id INTEGER
            lifecycle_id TEXT
            exchange_position_key TEXT
            symbol TEXT
            side TEXT
            current_quantity REAL
            current_quantity_e8 INTEGER
            weighted_avg_price REAL
            weighted_avg_price_e8 INTEGER
            unrealized_pnl REAL
            unrealized_pnl_e8 INTEGER
            first_entry_time TEXT
            last_update_time TEXT
            closed_time TEXT
            status TEXT
            contributing_strategies TEXT
            total_contributions INTEGER
            peak_quantity REAL
            peak_quantity_e8 INTEGER
            realized_pnl REAL
            realized_pnl_e8 INTEGER
            commission REAL
            commission_e8 INTEGER
            funding REAL
            funding_e8 INTEGER
            liquidation_fee REAL
            liquidation_fee_e8 INTEGER
            net_pnl REAL
            net_pnl_e8 INTEGER
            liquidated INTEGER
            ambiguous_fills INTEGER
        table funding_payments
            run_id INTEGER
            seq INTEGER
            symbol TEXT
            position_side TEXT
            time TEXT
            rate REAL
            rate_e8 INTEGER
            mark_price REAL
            mark_price_e8 INTEGER
            position_quantity REAL
            position_quantity_e8 INTEGER
            amount REAL
            amount_e8 INTEGER
            lifecycle_id TEXT
        table funding_shares
            run_id INTEGER
            funding_seq INTEGER
            strategy_position_id TEXT
            strategy_id TEXT
            amount REAL
            amount_e8 INTEGER
        table equity
            run_id INTEGER
            seq INTEGER
            time TEXT
            wallet REAL
            wallet_e8 INTEGER
            unrealized REAL
            unrealized_e8 INTEGER
            margin REAL
            margin_e8 INTEGER
            equity REAL
            equity_e8 INTEGER
            drawdown REAL
            drawdown_e8 INTEGER
            drawdown_pct REAL
        table price_bars
            run_id INTEGER
            symbol TEXT
            time TEXT
            open REAL
            open_e8 INTEGER
            high REAL
            high_e8 INTEGER
            low REAL
            low_e8 INTEGER
            close REAL
            close_e8 INTEGER
        table compare_vs_first
            run_id INTEGER
            baseline_run_id INTEGER
            days INTEGER
            delta_net REAL
            ci_low REAL
            ci_high REAL
            p_value REAL
            days_won INTEGER
            resamples INTEGER
            block_days INTEGER
            seed INTEGER
        view strategy_performance
            run_id INTEGER
            strategy_id TEXT
            total_positions
            closed_positions
            open_positions
            closed_externally_positions
            tp_hits
            sl_hits
            winning_trades
            losing_trades
            avg_pnl
            total_pnl
            avg_pnl_pct
            avg_duration_seconds
        view contribution_summary
            run_id INTEGER
            strategy_id TEXT
            symbol TEXT
            position_side TEXT
            total_contributions
            total_quantity_contributed
            avg_entry_price
            total_pnl_from_contributions
            avg_pnl_pct
        view v_strategy_statistics
            run_id INTEGER
            strategy_id TEXT
            total_positions
            tp_hits
            sl_hits
            winning_trades
            losing_trades
            avg_pnl
            total_pnl
            avg_pnl_pct
            avg_duration_minutes
        view v_win_rate_profit_factor
            run_id INTEGER
            strategy_id TEXT
            total_trades
            wins
            losses
            win_rate_pct
            total_profit
            total_loss
            profit_factor
        view v_tp_sl_hit_rates
            run_id INTEGER
            strategy_id TEXT
            symbol TEXT
            side TEXT
            total_closes
            tp_count
            sl_count
            manual_count
            tp_hit_rate_pct
            sl_hit_rate_pct
            avg_tp_pnl
            avg_sl_pnl
        view v_tp_vs_sl
            run_id INTEGER
            strategy_id TEXT
            close_reason TEXT
            trade_count
            avg_pnl
            total_pnl
            avg_pnl_pct
            avg_duration_minutes
        view v_contribution_summary
            run_id INTEGER
            strategy_id TEXT
            symbol TEXT
            position_side TEXT
            total_contributions
            total_quantity_contributed
            avg_entry_price
            total_pnl_from_contributions
            avg_pnl_pct
        view v_multi_strategy_positions
            run_id INTEGER
            exchange_position_key TEXT
            lifecycle_id TEXT
            symbol TEXT
            side TEXT
            strategy_count
            strategies
            total_quantity
            total_pnl
            contribution_count
        view v_contribution_timeline
            run_id INTEGER
            exchange_position_key TEXT
            lifecycle_id TEXT
            position_sequence INTEGER
            contribution_id TEXT
            strategy_position_id TEXT
            strategy_id TEXT
            contribution_quantity REAL
            contribution_entry_price REAL
            contribution_time TEXT
            exchange_quantity_before REAL
            exchange_quantity_after REAL
            status TEXT
            contribution_pnl REAL
            close_reason TEXT
            exit_time TEXT
        view v_exchange_position_summary
            run_id INTEGER
            exchange_position_key TEXT
            lifecycle_id TEXT
            symbol TEXT
            side TEXT
            status TEXT
            current_quantity REAL
            peak_quantity REAL
            weighted_avg_price REAL
            total_contributions INTEGER
            contributing_strategies TEXT
            realized_pnl REAL
            commission REAL
            funding REAL
            liquidation_fee REAL
            net_pnl REAL
            unrealized_pnl REAL
            liquidated INTEGER
            ambiguous_fills INTEGER
            first_entry_time TEXT
            last_update_time TEXT
            closed_time TEXT
            duration_minutes
        view v_open_vs_closed_positions
            run_id INTEGER
            symbol TEXT
            side TEXT
            status TEXT
            position_count
            avg_quantity
            avg_peak_quantity
            avg_price
            avg_contributions
        view v_daily_pnl
            run_id INTEGER
            trade_date
            strategy_id TEXT
            trades
            wins
            daily_pnl
            avg_return_pct
        view v_best_worst_trades
            run_id INTEGER
            trade_type
            trade_rank
            strategy_position_id TEXT
            strategy_id TEXT
            symbol TEXT
            side TEXT
            entry_price REAL
            exit_price REAL
            realized_pnl REAL
            realized_pnl_pct REAL
            close_reason TEXT
            exit_time TEXT
        view v_strategy_comparison
            run_id INTEGER
            strategy_id TEXT
            total_trades
            win_rate_pct
            total_pnl
            avg_pnl_per_trade
            best_trade
            worst_trade
            tp_hit_rate_pct
            avg_duration_minutes
        view v_performance_by_symbol
            run_id INTEGER
            strategy_id TEXT
            symbol TEXT
            side TEXT
            trades
            win_rate_pct
            total_pnl
            avg_pnl_pct
        view v_contribution_attribution
            run_id INTEGER
            exchange_position_key TEXT
            lifecycle_id TEXT
            symbol TEXT
            side TEXT
            status TEXT
            contribution_count
            attribution
            total_attributed_pnl
            exchange_realized_pnl REAL
            remaining_quantity REAL
            weighted_avg_price REAL
        view v_strategy_correlation
            run_id INTEGER
            strategy_1 TEXT
            strategy_2 TEXT
            simultaneous_entries
            avg_time_diff_seconds
        view v_signal_outcomes
            run_id INTEGER
            stage TEXT
            status TEXT
            reason TEXT
            signal_count
        view v_mode_comparison
            run_id INTEGER
            label TEXT
            same_direction TEXT
            protection TEXT
            position_mode TEXT
            price_path TEXT
            fill_reference TEXT
            positions
            trades
            wins
            win_rate_pct
            tp_hit_rate_pct
            sl_hit_rate_pct
            closed_externally
            strategy_realized_pnl
            exchange_realized_pnl
            fees
            funding
            liquidation_fees
            net_pnl
            final_equity REAL
            equity_change
            max_drawdown
            max_drawdown_pct
            fills
            ambiguous_fills
            signals_executed
            signals_rejected
            signals_skipped
        view v_strategy_by_mode
            run_id INTEGER
            label TEXT
            same_direction TEXT
            protection TEXT
            strategy_id TEXT
            positions
            trades
            wins
            tp_hits
            sl_hits
            win_rate_pct
            tp_hit_rate_pct
            sl_hit_rate_pct
            realized_pnl
            commission
            funding
            liquidation_fee
            net_pnl
            unrealized_pnl
        index runs_pk ON runs(run_id) UNIQUE
        index run_timings_pk ON run_timings(run_id) UNIQUE
        index signal_decisions_pk ON signal_decisions(run_id, seq) UNIQUE
        index signal_decisions_strategy ON signal_decisions(run_id, strategy_id)
        index signal_decisions_status ON signal_decisions(run_id, status)
        index orders_pk ON orders(run_id, seq) UNIQUE
        index orders_order_id ON orders(run_id, order_id)
        index orders_strategy_position ON orders(run_id, strategy_position_id)
        index fills_pk ON fills(run_id, trade_id) UNIQUE
        index strategy_positions_pk ON strategy_positions(run_id, strategy_position_id) UNIQUE
        index idx_strategy_id ON strategy_positions(run_id, strategy_id)
        index idx_symbol ON strategy_positions(run_id, symbol)
        index idx_status ON strategy_positions(run_id, status)
        index idx_exchange_position ON strategy_positions(run_id, exchange_position_key)
        index idx_strategy_symbol_status ON strategy_positions(run_id, strategy_id, symbol, status)
        index position_contributions_pk ON position_contributions(run_id, contribution_id) UNIQUE
        index pc_strategy_position ON position_contributions(run_id, strategy_position_id)
        index pc_exchange_position ON position_contributions(run_id, exchange_position_key)
        index pc_lifecycle ON position_contributions(run_id, lifecycle_id, position_sequence)
        index pc_strategy_id ON position_contributions(run_id, strategy_id)
        index pc_symbol_side ON position_contributions(run_id, symbol, position_side)
        index pc_status ON position_contributions(run_id, status)
        index exchange_positions_pk ON exchange_positions(run_id, lifecycle_id) UNIQUE
        index ep_symbol_side ON exchange_positions(run_id, symbol, side)
        index ep_key ON exchange_positions(run_id, exchange_position_key)
        index ep_status ON exchange_positions(run_id, status)
        index funding_payments_pk ON funding_payments(run_id, seq) UNIQUE
        index funding_payments_leg ON funding_payments(run_id, symbol, position_side)
        index funding_shares_payment ON funding_shares(run_id, funding_seq)
        index funding_shares_position ON funding_shares(run_id, strategy_position_id)
        index equity_pk ON equity(run_id, seq) UNIQUE
        index equity_time ON equity(run_id, time)
        index price_bars_pk ON price_bars(run_id, symbol, time) UNIQUE
        """

    /// The file's schema as text: objects in creation order, columns with declared types, indexes.
    static func describe(_ db: ReportDatabase) throws -> String {
        var lines: [String] = []
        let objects = try db.query(
            "SELECT type, name FROM sqlite_schema WHERE type IN ('table', 'view') ORDER BY rowid")
        for object in objects.rows {
            lines.append("\(object[0].string!) \(object[1].string!)")
            let columns = try db.query("SELECT name, type FROM pragma_table_info(?) ORDER BY cid", [object[1]])
            for column in columns.rows {
                let type = column[1].string ?? ""
                lines.append("    " + column[0].string! + (type.isEmpty ? "" : " " + type))
            }
        }
        let indexes = try db.query(
            "SELECT name, tbl_name, sql LIKE 'CREATE UNIQUE%' FROM sqlite_schema WHERE type = 'index' ORDER BY rowid")
        for index in indexes.rows {
            let columns = try db.query("SELECT name FROM pragma_index_info(?) ORDER BY seqno", [index[0]])
            lines.append(
                "index \(index[0].string!) ON \(index[1].string!)("
                    + columns.rows.map { $0[0].string! }.joined(separator: ", ") + ")"
                    + (index[2] == .integer(1) ? " UNIQUE" : ""))
        }
        return lines.joined(separator: "\n")
    }

    @Test func schemaMatchesTheSnapshot() throws {
        let folder = TemporaryFolder()
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder, indexes: .live))
        let actual = try Self.describe(db)
        #expect(actual == Self.snapshot)
        if actual != Self.snapshot {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let b = Self.snapshot.split(separator: "\n", omittingEmptySubsequences: false)
            if let first = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
                Issue.record("first difference at line \(first.offset + 1): \(first.element.0) vs \(first.element.1)")
            }
        }
    }

    /// `minimal` builds exactly its named indexes (as the live schema defines them), and its rows
    /// are the live file's.
    @Test func minimalIndexesKeepTheRows() throws {
        let folder = TemporaryFolder()
        let minimal = try ReportDatabase(path: try SampleRuns.writeReport(folder, indexes: .minimal, name: "m.sqlite"))
        let live = try ReportDatabase(path: try SampleRuns.writeReport(folder, indexes: .live, name: "l.sqlite"))
        let described = try Self.describe(minimal).split(separator: "\n").filter { $0.hasPrefix("index ") }
        let expected = Self.snapshot.split(separator: "\n").filter {
            $0.hasPrefix("index ") && ReportIndexes.minimalNames.contains(String($0.split(separator: " ")[1]))
        }
        #expect(described == expected)
        #expect(expected.count == ReportIndexes.minimalNames.count)
        for table in ReportSchema.tables where table.name != "run_timings" {
            let sql = "SELECT * FROM \(table.name) ORDER BY \(table.order)"
            #expect(try minimal.query(sql) == live.query(sql), "\(table.name)")
        }
        #expect(try Self.describe(live).split(separator: "\n").filter { $0.hasPrefix("index ") }.count == 33)
    }

    @Test func fileIsMarkedAsAHedgesimReport() throws {
        let folder = TemporaryFolder()
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        #expect(try db.query("PRAGMA application_id").rows[0][0] == .integer(Int64(ReportSchema.applicationID)))
        #expect(try db.query("PRAGMA user_version").rows[0][0] == .integer(Int64(ReportSchema.version)))
    }

    @Test func declaredColumnsMatchTheFile() throws {
        let folder = TemporaryFolder()
        let db = try ReportDatabase(path: try SampleRuns.writeReport(folder))
        for table in ReportSchema.tables {
            #expect(try db.columns(of: table.name) == table.columnNames, "\(table.name)")
            #expect(table.columnNames.first == "run_id", "\(table.name)")
        }
        // Every decimal column has its exact companion.
        for table in ReportSchema.tables {
            for column in table.reportColumns where column.kind == .decimal {
                #expect(table.columnNames.contains(column.name + "_e8"))
            }
        }
    }
}
