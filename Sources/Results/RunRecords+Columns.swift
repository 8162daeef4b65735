public import Market
public import TradeEngine

extension DecisionRecord: ResultRecord {
    public static let table = ResultTable(
        DecisionRecord.self, "signal_decisions", digest: "signal_decisions",
        indexes: [
            "CREATE UNIQUE INDEX signal_decisions_pk ON signal_decisions(run_id, seq);",
            "CREATE INDEX signal_decisions_strategy ON signal_decisions(run_id, strategy_id);",
            "CREATE INDEX signal_decisions_status ON signal_decisions(run_id, status);",
        ],
        order: "run_id, seq")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer("seq") { $0.sequence }
        v.text(.report("file")) { $0.file }
        v.text(.digest("file_name")) { ResultText.fileName($0.file) }
        v.integer("line") { $0.line }
        v.text("signal_id") { $0.signalID }
        v.text("strategy_id") { $0.strategyID }
        v.text("symbol") { $0.symbol.name }
        v.text("action") { $0.action }
        v.real("confidence") { $0.confidence }
        v.text("strategy_mode") { $0.strategyMode }
        v.time("signal_time") { $0.signalTime }
        v.time("decision_time") { $0.decisionTime }
        v.text("stage") { $0.stage }
        v.text("status") { $0.status }
        v.text("reason") { $0.reason }
        v.decimal("quantity") { $0.quantity }
        v.integer("order_id") { $0.orderID }
    }
}

extension OrderRecord: ResultRecord {
    public static let table = ResultTable(
        OrderRecord.self, "orders", digest: "orders",
        indexes: [
            "CREATE UNIQUE INDEX orders_pk ON orders(run_id, seq);",
            "CREATE INDEX orders_order_id ON orders(run_id, order_id);",
            "CREATE INDEX orders_strategy_position ON orders(run_id, strategy_position_id);",
        ],
        order: "run_id, seq")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer(.report("seq")) { _, row in row.seq }
        v.integer("order_id") { $0.orderID }
        v.text("client_order_id") { $0.clientOrderID }
        v.text("symbol") { $0.symbol.name }
        v.text("side") { $0.side.rawValue }
        v.text("position_side") { $0.positionSide?.rawValue }
        v.text("type") { $0.type.rawValue }
        v.text("time_in_force") { $0.timeInForce?.rawValue }
        v.text("working_type") { $0.workingType.rawValue }
        v.flag("close_position") { $0.closePosition }
        v.decimal("quantity") { $0.quantity }
        v.decimal("price") { $0.price }
        v.decimal("stop_price") { $0.stopPrice }
        v.text("status") { $0.status.rawValue }
        v.integer("expiry_reason") { $0.expiryReason.rawValue }
        v.decimal("executed_quantity") { $0.executedQuantity }
        v.decimal("average_price") { $0.averagePrice }
        v.time("create_time") { $0.createTime }
        v.time("update_time") { $0.updateTime }
        v.text("purpose") { $0.purpose.rawValue }
        v.text("strategy_position_id") { $0.strategyPositionID }
        v.text("strategy_id") { $0.strategyID }
        v.integer("reject_code") { $0.rejectCode }
        v.text("reject_message") { $0.rejectMessage }
    }
}

extension FillRecord: ResultRecord {
    public static let table = ResultTable(
        FillRecord.self, "fills", digest: "fills",
        indexes: ["CREATE UNIQUE INDEX fills_pk ON fills(run_id, trade_id);"], order: "run_id, trade_id")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer("trade_id") { $0.fill.tradeID }
        v.integer("order_id") { $0.fill.orderID }
        v.text(.report("client_order_id")) { $0.fill.clientOrderID }
        v.text("symbol") { $0.fill.symbol.name }
        v.text("side") { $0.fill.side.rawValue }
        v.text("position_side") { $0.fill.positionSide.rawValue }
        v.flag(.report("buyer")) { $0.fill.side == .buy }
        v.flag(ResultColumn("maker", digestAfter: "realized_pnl")) { $0.fill.isMaker }
        v.decimal("price") { $0.fill.price }
        v.decimal("qty") { $0.fill.quantity }
        v.decimal("quote_qty") { $0.fill.quoteQuantity }
        v.decimal("commission") { $0.fill.commission }
        v.text("commission_asset") { $0.fill.commissionAsset.rawValue }
        v.decimal("realized_pnl") { $0.fill.realizedPnL }
        v.flag("liquidation") { $0.fill.isLiquidation }
        v.decimal("liquidation_fee") { $0.fill.liquidationFee }
        v.time("time") { $0.fill.time }
        v.time("bar_time") { $0.fill.barTime }
        v.text("path_point") { $0.fill.pathPoint.description }
        v.flag("ambiguous") { $0.fill.ambiguous }
        v.text(ResultColumn("order_type", digestAfter: "position_side")) { $0.fill.orderType.rawValue }
        v.text("purpose") { $0.purpose.rawValue }
        v.text("strategy_position_id") { $0.strategyPositionID }
        v.text(.report("strategy_id")) { $0.strategyID }
    }
}

extension FundingRecord: ResultRecord {
    /// The digest's `funding` rows end with their shares' digest fields.
    public static let table = ResultTable(
        FundingRecord.self, "funding_payments", digest: "funding",
        indexes: [
            "CREATE UNIQUE INDEX funding_payments_pk ON funding_payments(run_id, seq);",
            "CREATE INDEX funding_payments_leg ON funding_payments(run_id, symbol, position_side);",
        ],
        order: "run_id, seq")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer(.report("seq")) { _, row in row.seq }
        v.text("symbol") { $0.payment.symbol.name }
        v.text("position_side") { $0.payment.positionSide.rawValue }
        v.time("time") { $0.payment.time }
        v.decimal("rate") { $0.payment.rate }
        v.decimal("mark_price") { $0.payment.markPrice }
        v.decimal("position_quantity") { $0.payment.positionQuantity }
        v.decimal("amount") { $0.payment.amount }
        v.text("lifecycle_id") { $0.lifecycleID }
        v.digestChildren { $0.shares }
    }
}

extension StrategyShare: ResultRecord {
    /// Digested within their payment's `funding` row.
    public static let table = ResultTable(
        StrategyShare.self, "funding_shares", digest: nil,
        indexes: [
            "CREATE INDEX funding_shares_payment ON funding_shares(run_id, funding_seq);",
            "CREATE INDEX funding_shares_position ON funding_shares(run_id, strategy_position_id);",
        ],
        order: "run_id, funding_seq, rowid")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer(.report("funding_seq")) { _, row in row.seq }
        v.text("strategy_position_id") { $0.strategyPositionID }
        v.text(.report("strategy_id")) { $0.strategyID }
        v.decimal("amount") { $0.amount }
    }
}

extension EquitySample: ResultRecord {
    public static let table = ResultTable(
        EquitySample.self, "equity", digest: "equity",
        indexes: [
            "CREATE UNIQUE INDEX equity_pk ON equity(run_id, seq);",
            "CREATE INDEX equity_time ON equity(run_id, time);",
        ],
        order: "run_id, seq")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer(.report("seq")) { _, row in row.seq }
        v.time("time") { $0.time }
        v.decimal("wallet") { $0.wallet }
        v.decimal("unrealized") { $0.unrealized }
        v.decimal("margin") { $0.margin }
        v.decimal("equity") { $0.equity }
        v.decimal("drawdown") { $0.drawdown }
        v.real(.report("drawdown_pct")) { $0.drawdownFraction * 100 }
    }
}
