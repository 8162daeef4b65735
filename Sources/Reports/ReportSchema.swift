/// The report database's tables, indexes and views (README "The report file").
///
/// Every table carries `run_id`. Fixed-point values (prices, quantities, money, rates) are stored
/// twice: `name REAL` for analytics (`SUM`, pandas) and `name_e8 INTEGER`, the exact value in
/// 10⁻⁸ units. Views aggregate the `_e8` columns (exact integer sums) and divide once by 1e8;
/// `hedgesim export` prints `name` from `name_e8`, so exported decimals are exact. Times are
/// ISO-8601 UTC text with milliseconds (`2026-02-01T00:00:00.000Z`), which sorts as time does.
public enum ReportSchema {
    /// `PRAGMA application_id` of a hedgesim report ("HSIM").
    public static let applicationID: Int32 = 0x4853_494D
    /// `PRAGMA user_version`: the schema version. Bump it with any change to a table or view.
    public static let version: Int32 = 2

    /// Every table, in creation (and export) order.
    public static let tables: [ReportTableDefinition] = [
        runs, runTimings, signalDecisions, orders, fills, strategyPositions, positionContributions,
        exchangePositions, fundingPayments, fundingShares, equity, priceBars,
    ]

    /// Every view, in creation (and export) order.
    public static var views: [ReportViewDefinition] { ReportViews.all }

    /// The names of every table and view.
    public static var objectNames: [String] { tables.map(\.name) + views.map(\.name) }

    /// The table of a name.
    public static func table(_ name: String) -> ReportTableDefinition? { tables.first { $0.name == name } }

    /// The `CREATE TABLE` statements.
    public static var tableSQL: String { tables.map(\.createSQL).joined(separator: "\n") }

    /// The `CREATE INDEX` statements (run after the bulk load).
    public static var indexSQL: String { tables.flatMap(\.indexes).joined(separator: "\n") }

    /// The `CREATE VIEW` statements.
    public static var viewSQL: String { views.map(\.createSQL).joined(separator: "\n") }

    // MARK: Tables

    static let runs = ReportTableDefinition(
        "runs",
        [
            .int("run_id"), .text("label"), .text("scenario"), .text("scenario_file"), .text("description"),
            .text("settings_json"), .text("same_direction"), .text("protection"), .text("position_mode"),
            .text("price_path"), .text("fill_reference"), .text("interval"), .text("symbols"),
            .text("data_digest"), .text("result_digest"), .text("engine_version"), .int("bars"),
            .time("first_bar_time"), .time("last_bar_time"), .int("signals_total"), .int("signals_decided"),
            .int("signals_outside_range"), .int("signals_unknown_symbol"), .decimal("initial_balance"),
            .decimal("final_wallet"), .decimal("final_equity"),
        ],
        indexes: ["CREATE UNIQUE INDEX runs_pk ON runs(run_id);"],
        order: "run_id")

    static let runTimings = ReportTableDefinition(
        "run_timings",
        [.int("run_id"), .real("read_seconds"), .real("simulate_seconds"), .real("report_seconds")],
        indexes: ["CREATE UNIQUE INDEX run_timings_pk ON run_timings(run_id);"],
        order: "run_id")

    static let signalDecisions = ReportTableDefinition(
        "signal_decisions",
        [
            .int("run_id"), .int("seq"), .text("file"), .int("line"), .text("signal_id"), .text("strategy_id"),
            .text("symbol"), .text("action"), .real("confidence"), .text("strategy_mode"), .time("signal_time"),
            .time("decision_time"), .text("stage"), .text("status"), .text("reason"), .decimal("quantity"),
            .int("order_id"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX signal_decisions_pk ON signal_decisions(run_id, seq);",
            "CREATE INDEX signal_decisions_strategy ON signal_decisions(run_id, strategy_id);",
            "CREATE INDEX signal_decisions_status ON signal_decisions(run_id, status);",
        ],
        order: "run_id, seq")

    static let orders = ReportTableDefinition(
        "orders",
        [
            .int("run_id"), .int("seq"), .int("order_id"), .text("client_order_id"), .text("symbol"), .text("side"),
            .text("position_side"), .text("type"), .text("time_in_force"), .text("working_type"),
            .flag("close_position"), .decimal("quantity"), .decimal("price"), .decimal("stop_price"), .text("status"),
            .int("expiry_reason"), .decimal("executed_quantity"), .decimal("average_price"), .time("create_time"),
            .time("update_time"), .text("purpose"), .text("strategy_position_id"), .text("strategy_id"),
            .int("reject_code"), .text("reject_message"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX orders_pk ON orders(run_id, seq);",
            "CREATE INDEX orders_order_id ON orders(run_id, order_id);",
            "CREATE INDEX orders_strategy_position ON orders(run_id, strategy_position_id);",
        ],
        order: "run_id, seq")

    static let fills = ReportTableDefinition(
        "fills",
        [
            .int("run_id"), .int("trade_id"), .int("order_id"), .text("client_order_id"), .text("symbol"),
            .text("side"), .text("position_side"), .flag("buyer"), .flag("maker"), .decimal("price"), .decimal("qty"),
            .decimal("quote_qty"), .decimal("commission"), .text("commission_asset"), .decimal("realized_pnl"),
            .flag("liquidation"), .decimal("liquidation_fee"), .time("time"), .time("bar_time"), .text("path_point"),
            .flag("ambiguous"), .text("order_type"), .text("purpose"), .text("strategy_position_id"),
            .text("strategy_id"),
        ],
        indexes: ["CREATE UNIQUE INDEX fills_pk ON fills(run_id, trade_id);"],
        order: "run_id, trade_id")

    static let strategyPositions = ReportTableDefinition(
        "strategy_positions",
        [
            .int("run_id"), .int("seq"), .text("strategy_position_id"), .text("strategy_id"), .text("signal_id"),
            .text("decision_id"), .int("signal_seq"), .text("symbol"), .text("side"), .decimal("entry_quantity"),
            .decimal("signed_quantity"), .decimal("entry_price"), .time("entry_time"), .int("entry_order_id"),
            .decimal("take_profit_price"), .decimal("stop_loss_price"), .int("tp_order_id"), .int("sl_order_id"),
            .text("protection_note"), .text("status"), .decimal("remaining_quantity"), .decimal("exit_quantity"),
            .decimal("exit_price"), .time("exit_time"), .int("exit_order_id"), .text("close_reason"),
            .decimal("realized_pnl"), .real("realized_pnl_pct"), .decimal("commission_total"), .decimal("funding"),
            .decimal("liquidation_fee"), .decimal("net_pnl"), .decimal("unrealized_pnl"), .flag("ambiguous_exit"),
            .text("exchange_position_key"), .text("lifecycle_id"), .text("strategy_metadata"), .text("timeframe"),
            .real("confidence"), .text("strength"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX strategy_positions_pk ON strategy_positions(run_id, strategy_position_id);",
            "CREATE INDEX idx_strategy_id ON strategy_positions(run_id, strategy_id);",
            "CREATE INDEX idx_symbol ON strategy_positions(run_id, symbol);",
            "CREATE INDEX idx_status ON strategy_positions(run_id, status);",
            "CREATE INDEX idx_exchange_position ON strategy_positions(run_id, exchange_position_key);",
            "CREATE INDEX idx_strategy_symbol_status ON strategy_positions(run_id, strategy_id, symbol, status);",
        ],
        order: "run_id, seq")

    static let positionContributions = ReportTableDefinition(
        "position_contributions",
        [
            .int("run_id"), .text("contribution_id"), .text("strategy_position_id"), .text("exchange_position_key"),
            .text("lifecycle_id"), .text("strategy_id"), .text("symbol"), .text("position_side"),
            .decimal("contribution_quantity"), .decimal("contribution_entry_price"), .time("contribution_time"),
            .int("position_sequence"), .decimal("exchange_quantity_before"), .decimal("exchange_quantity_after"),
            .text("status"), .text("close_reason"), .time("exit_time"), .decimal("exit_price"),
            .decimal("contribution_pnl"), .real("contribution_pnl_pct"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX position_contributions_pk ON position_contributions(run_id, contribution_id);",
            "CREATE INDEX pc_strategy_position ON position_contributions(run_id, strategy_position_id);",
            "CREATE INDEX pc_exchange_position ON position_contributions(run_id, exchange_position_key);",
            "CREATE INDEX pc_lifecycle ON position_contributions(run_id, lifecycle_id, position_sequence);",
            "CREATE INDEX pc_strategy_id ON position_contributions(run_id, strategy_id);",
            "CREATE INDEX pc_symbol_side ON position_contributions(run_id, symbol, position_side);",
            "CREATE INDEX pc_status ON position_contributions(run_id, status);",
        ],
        order: "run_id, contribution_id")

    static let exchangePositions = ReportTableDefinition(
        "exchange_positions",
        [
            .int("run_id"), .text("lifecycle_id"), .text("exchange_position_key"), .text("symbol"), .text("side"),
            .decimal("current_quantity"), .decimal("weighted_avg_price"), .decimal("unrealized_pnl"),
            .time("first_entry_time"), .time("last_update_time"), .time("closed_time"), .text("status"),
            .text("contributing_strategies"), .int("total_contributions"), .decimal("peak_quantity"),
            .decimal("realized_pnl"), .decimal("commission"), .decimal("funding"), .decimal("liquidation_fee"),
            .decimal("net_pnl"), .flag("liquidated"), .int("ambiguous_fills"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX exchange_positions_pk ON exchange_positions(run_id, lifecycle_id);",
            "CREATE INDEX ep_symbol_side ON exchange_positions(run_id, symbol, side);",
            "CREATE INDEX ep_key ON exchange_positions(run_id, exchange_position_key);",
            "CREATE INDEX ep_status ON exchange_positions(run_id, status);",
        ],
        order: "run_id, lifecycle_id")

    static let fundingPayments = ReportTableDefinition(
        "funding_payments",
        [
            .int("run_id"), .int("seq"), .text("symbol"), .text("position_side"), .time("time"), .decimal("rate"),
            .decimal("mark_price"), .decimal("position_quantity"), .decimal("amount"), .text("lifecycle_id"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX funding_payments_pk ON funding_payments(run_id, seq);",
            "CREATE INDEX funding_payments_leg ON funding_payments(run_id, symbol, position_side);",
        ],
        order: "run_id, seq")

    static let fundingShares = ReportTableDefinition(
        "funding_shares",
        [
            .int("run_id"), .int("funding_seq"), .text("strategy_position_id"), .text("strategy_id"),
            .decimal("amount"),
        ],
        indexes: [
            "CREATE INDEX funding_shares_payment ON funding_shares(run_id, funding_seq);",
            "CREATE INDEX funding_shares_position ON funding_shares(run_id, strategy_position_id);",
        ],
        order: "run_id, funding_seq, rowid")

    static let equity = ReportTableDefinition(
        "equity",
        [
            .int("run_id"), .int("seq"), .time("time"), .decimal("wallet"), .decimal("unrealized"), .decimal("margin"),
            .decimal("equity"), .decimal("drawdown"), .real("drawdown_pct"),
        ],
        indexes: [
            "CREATE UNIQUE INDEX equity_pk ON equity(run_id, seq);",
            "CREATE INDEX equity_time ON equity(run_id, time);",
        ],
        order: "run_id, seq")

    static let priceBars = ReportTableDefinition(
        "price_bars",
        [
            .int("run_id"), .text("symbol"), .time("time"), .decimal("open"), .decimal("high"), .decimal("low"),
            .decimal("close"),
        ],
        indexes: ["CREATE UNIQUE INDEX price_bars_pk ON price_bars(run_id, symbol, time);"],
        order: "run_id, symbol, time")
}

/// A column as declared in Swift; a `decimal` expands to `name REAL` + `name_e8 INTEGER`.
public struct ReportColumnDefinition: Sendable, Hashable {
    /// How a column is stored.
    public enum Kind: Sendable, Hashable {
        case integer, real, text
        /// ISO-8601 UTC text with milliseconds.
        case time
        /// 0 or 1.
        case flag
        /// A fixed-point value: REAL plus the exact `_e8` INTEGER.
        case decimal
    }

    public var name: String
    public var kind: Kind

    static func int(_ name: String) -> Self { Self(name: name, kind: .integer) }
    static func real(_ name: String) -> Self { Self(name: name, kind: .real) }
    static func text(_ name: String) -> Self { Self(name: name, kind: .text) }
    static func time(_ name: String) -> Self { Self(name: name, kind: .time) }
    static func flag(_ name: String) -> Self { Self(name: name, kind: .flag) }
    static func decimal(_ name: String) -> Self { Self(name: name, kind: .decimal) }

    /// The SQL column declarations this column expands to.
    var declarations: [String] {
        switch kind {
        case .integer, .flag: ["\(name) INTEGER"]
        case .real: ["\(name) REAL"]
        case .text, .time: ["\(name) TEXT"]
        case .decimal: ["\(name) REAL", "\(name)_e8 INTEGER"]
        }
    }
}

/// A table of the report: its columns, the indexes built after the bulk load, and the order rows
/// are exported in.
public struct ReportTableDefinition: Sendable, Hashable {
    public var name: String
    public var columns: [ReportColumnDefinition]
    public var indexes: [String]
    /// The `ORDER BY` of an export (insertion order).
    public var order: String

    init(_ name: String, _ columns: [ReportColumnDefinition], indexes: [String], order: String) {
        self.name = name
        self.columns = columns
        self.indexes = indexes
        self.order = order
    }

    /// The SQL column names, with the `_e8` companions.
    public var columnNames: [String] {
        columns.flatMap { column in column.kind == .decimal ? [column.name, column.name + "_e8"] : [column.name] }
    }

    public var createSQL: String {
        "CREATE TABLE \(name) (\n    " + columns.flatMap(\.declarations).joined(separator: ",\n    ") + "\n);"
    }

    /// `INSERT INTO name (…) VALUES (?, …), …` for `rows` rows.
    func insertSQL(rows: Int = 1) -> String {
        let names = columnNames
        let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(name) (\(names.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}

/// A view of the report and the order its rows are exported in.
public struct ReportViewDefinition: Sendable, Hashable {
    public var name: String
    /// The `SELECT` that defines it.
    public var select: String
    /// The `ORDER BY` of an export; also the view's own order.
    public var order: String

    public var createSQL: String { "CREATE VIEW \(name) AS\n\(select)\nORDER BY \(order);" }
}
