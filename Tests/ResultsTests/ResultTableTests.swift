import Market
import Testing
import TradeEngine

@testable import Results

/// The tables derived from the column lists: DDL, insert statements, digest order.
@Suite struct ResultTableTests {
    @Test func createStatementIsDerivedFromTheColumnList() {
        #expect(
            PriceBar.table.createSQL == """
                CREATE TABLE price_bars (
                    run_id INTEGER,
                    symbol TEXT,
                    time TEXT,
                    open REAL,
                    open_e8 INTEGER,
                    high REAL,
                    high_e8 INTEGER,
                    low REAL,
                    low_e8 INTEGER,
                    close REAL,
                    close_e8 INTEGER
                );
                """)
        #expect(
            RunTimings.table.createSQL
                == "CREATE TABLE run_timings (\n    run_id INTEGER,\n    read_seconds REAL,\n"
                + "    simulate_seconds REAL,\n    report_seconds REAL\n);")
    }

    @Test func insertStatementHasAPlaceholderPerColumn() {
        #expect(
            RunTimings.table.insertSQL(rows: 2)
                == "INSERT INTO run_timings (run_id, read_seconds, simulate_seconds, report_seconds) VALUES "
                + "(?, ?, ?, ?), (?, ?, ?, ?)")
    }

    @Test func digestOnlyColumnsStayOutOfTheReport() {
        let names = DecisionRecord.table.columnNames
        #expect(names.contains("file") && !names.contains("file_name"))
        #expect(DecisionRecord.table.digestFieldNames.contains("file_name"))
        #expect(!DecisionRecord.table.digestFieldNames.contains("file"))
    }

    @Test func tablesAreListedOnceWithUniqueColumns() {
        let names = ResultSchema.tables.map(\.name)
        #expect(
            names == [
                "runs", "run_timings", "signal_decisions", "orders", "fills", "strategy_positions",
                "position_contributions", "exchange_positions", "funding_payments", "funding_shares", "equity",
                "price_bars",
            ])
        for table in ResultSchema.tables {
            let columns = table.columns.map(\.name)
            #expect(Set(columns).count == columns.count, "\(table.name)")
            #expect(Set(table.columnNames).count == table.columnNames.count, "\(table.name)")
            #expect(!columns.contains("run_id"), "\(table.name): run_id is implicit")
        }
    }

    /// The digest's field order where it is not the report's.
    @Test func digestOrderOfReorderedTables() {
        #expect(
            FillRecord.table.digestFieldNames == [
                "trade_id", "order_id", "symbol", "side", "position_side", "order_type", "price", "qty", "quote_qty",
                "commission", "commission_asset", "realized_pnl", "maker", "liquidation", "liquidation_fee", "time",
                "bar_time", "path_point", "ambiguous", "purpose", "strategy_position_id",
            ])
        #expect(
            StrategyPosition.table.digestFieldNames == [
                "strategy_position_id", "strategy_id", "signal_id", "signal_seq", "symbol", "side", "entry_quantity",
                "entry_price", "entry_time", "entry_order_id", "take_profit_price", "stop_loss_price", "status",
                "lifecycle_id", "remaining_quantity", "exit_quantity_or_zero", "exit_value", "exit_time",
                "close_reason", "realized_pnl", "commission_total", "funding", "liquidation_fee", "ambiguous_exit",
                "protection_note",
            ])
        #expect(
            PositionContribution.table.digestFieldNames == [
                "contribution_id", "strategy_position_id", "lifecycle_id", "position_sequence",
                "contribution_quantity", "contribution_entry_price", "contribution_time", "exchange_quantity_before",
                "exchange_quantity_after", "is_closed", "close_reason", "exit_time", "exit_price", "contribution_pnl",
            ])
        #expect(
            ExchangePositionRecord.table.digestFieldNames == [
                "lifecycle_id", "exchange_position_key", "current_quantity", "weighted_avg_price", "first_entry_time",
                "last_update_time", "closed_time", "is_open", "contributing_strategy_list", "total_contributions",
                "peak_quantity", "realized_pnl", "commission", "funding", "liquidation_fee", "ambiguous_fills",
                "liquidated",
            ])
        #expect(
            RunResult.table.digestFieldNames == ["portable_settings_json", "engine_version", "bars", "initial_balance"])
        #expect(EquitySample.table.digestOrder == nil)
        #expect(DecisionRecord.table.digestOrder == nil)
    }

    @Test func digestSections() {
        #expect(
            ResultSchema.tables.compactMap(\.digestName) == [
                "run", "signal_decisions", "orders", "fills", "strategy_positions", "position_contributions",
                "exchange_positions", "funding", "equity",
            ])
    }

    @Test func digestOrderMovesColumnsAfterTheirAnchor() {
        let columns: [ResultColumn] = ["a", "b", ResultColumn("c", digestAfter: "a"), .report("d"), "e"]
        #expect(ResultTable.digestOrder(columns) == [0, 2, 1, 3])
        #expect(ResultTable.digestOrder(["a", "b"]) == nil)
    }

    /// Every accessor of every column list reads the hand-made run without trapping, once per
    /// declared column.
    @Test func everyColumnIsRead() {
        let run = HandMadeRun.run
        var counts: [String: Int] = [:]
        func read<Record: ResultRecord>(_ records: [Record]) {
            var reader = ValueReader<Record>()
            for record in records {
                reader.record = record
                Record.columns(&reader)
                #expect(reader.values.count == Record.table.columns.count, "\(Record.table.name)")
                reader.values = []
            }
            counts[Record.table.name] = records.count
        }
        read([run])
        read([run.timings])
        read(run.decisions)
        read(run.orders)
        read(run.fills)
        read(run.strategyPositions)
        read(run.contributions)
        read(run.exchangePositions)
        read(run.funding)
        read(run.funding.flatMap(\.shares))
        read(run.equity)
        read(run.priceBars)
        #expect(counts.count == ResultSchema.tables.count)
        #expect(counts.values.allSatisfy { $0 > 0 })
    }
}

/// Reads every accessor of a record's column list and keeps the values as text.
struct ValueReader<Record>: ResultColumnVisitor {
    var record: Record?
    var values: [String] = []
    let context = RowContext(seq: 7, finalMarks: [])

    mutating func integer(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        values.append("\(String(describing: value(record!, context)))")
    }

    mutating func real(_ column: ResultColumn, _ value: (Record, RowContext) -> Double?) {
        values.append("\(String(describing: value(record!, context)))")
    }

    mutating func text(_ column: ResultColumn, _ value: (Record, RowContext) -> String?) {
        values.append("\(String(describing: value(record!, context)))")
    }

    mutating func time(_ column: ResultColumn, _ value: (Record, RowContext) -> Timestamp?) {
        values.append("\(String(describing: value(record!, context)))")
    }

    mutating func flag(_ column: ResultColumn, _ value: (Record, RowContext) -> Bool) {
        values.append("\(value(record!, context))")
    }

    mutating func decimal(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        values.append("\(String(describing: value(record!, context)))")
    }

    mutating func digestChildren<Child: ResultRecord>(_ children: (Record) -> [Child]) {
        _ = children(record!)
    }
}

@Suite struct ReportIndexesTests {
    @Test func namesComeFromTheStatements() {
        #expect(ReportIndexes.name(of: "CREATE UNIQUE INDEX runs_pk ON runs(run_id);") == "runs_pk")
        #expect(
            ReportIndexes.name(of: "CREATE INDEX idx_symbol ON strategy_positions(run_id, symbol);") == "idx_symbol")
        #expect(ReportIndexes.name(of: "not an index") == "")
    }

    @Test func minimalIsASubsetOfLiveInTableOrder() {
        let live = ReportIndexes.live.statements(ResultSchema.tables)
        let minimal = ReportIndexes.minimal.statements(ResultSchema.tables)
        #expect(live.count == 33)
        #expect(minimal.count == ReportIndexes.minimalNames.count)
        #expect(minimal == live.filter { ReportIndexes.minimalNames.contains(ReportIndexes.name(of: $0)) })
        #expect(Set(minimal.map(ReportIndexes.name(of:))) == Set(ReportIndexes.minimalNames))
        #expect(ReportIndexes.minimal.beforeRows && !ReportIndexes.live.beforeRows)
    }
}
