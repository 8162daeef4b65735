public import Market
public import TradeEngine

extension StrategyPosition: ResultRecord {
    public static let table = ResultTable(
        StrategyPosition.self, "strategy_positions", digest: "strategy_positions",
        indexes: [
            "CREATE UNIQUE INDEX strategy_positions_pk ON strategy_positions(run_id, strategy_position_id);",
            "CREATE INDEX idx_strategy_id ON strategy_positions(run_id, strategy_id);",
            "CREATE INDEX idx_symbol ON strategy_positions(run_id, symbol);",
            "CREATE INDEX idx_status ON strategy_positions(run_id, status);",
            "CREATE INDEX idx_exchange_position ON strategy_positions(run_id, exchange_position_key);",
            "CREATE INDEX idx_strategy_symbol_status ON strategy_positions(run_id, strategy_id, symbol, status);",
        ],
        order: "run_id, seq")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.integer(.report("seq")) { $0.sequence }
        v.text("strategy_position_id") { $0.id }
        v.text("strategy_id") { $0.strategyID }
        v.text("signal_id") { $0.signalID }
        v.text(.report("decision_id")) { $0.decisionID }
        v.integer("signal_seq") { $0.signalSequence }
        v.text("symbol") { $0.symbol.name }
        v.text("side") { $0.side.rawValue }
        v.decimal("entry_quantity") { $0.entryQuantity }
        v.decimal(.report("signed_quantity")) { $0.side == .short ? -$0.entryQuantity : $0.entryQuantity }
        v.decimal("entry_price") { $0.entryPrice }
        v.time("entry_time") { $0.entryTime }
        v.integer("entry_order_id") { $0.entryOrderID }
        v.decimal("take_profit_price") { $0.takeProfitPrice }
        v.decimal("stop_loss_price") { $0.stopLossPrice }
        v.integer(.report("tp_order_id")) { $0.takeProfitOrderID }
        v.integer(.report("sl_order_id")) { $0.stopLossOrderID }
        v.text(ResultColumn("protection_note", digestAfter: "ambiguous_exit")) { $0.protectionNote }
        v.text("status") { $0.status.rawValue }
        v.decimal("remaining_quantity") { $0.remainingQuantity }
        v.decimal(.report("exit_quantity")) { $0.exitQuantity.isZero ? nil : $0.exitQuantity }
        v.decimal(.digest("exit_quantity_or_zero")) { $0.exitQuantity }
        v.decimal(.digest("exit_value")) { $0.exitValue }
        v.decimal(.report("exit_price")) { $0.exitPrice }
        v.time("exit_time") { $0.exitTime }
        v.integer(.report("exit_order_id")) { $0.exitOrderID }
        v.text("close_reason") { $0.closeReason?.rawValue }
        v.decimal("realized_pnl") { $0.realizedPnL }
        v.real(.report("realized_pnl_pct")) { $0.realizedPnLPercent }
        v.decimal("commission_total") { $0.commission }
        v.decimal("funding") { $0.funding }
        v.decimal("liquidation_fee") { $0.liquidationFee }
        v.decimal(.report("net_pnl")) { $0.netPnL }
        v.decimal(.report("unrealized_pnl")) { p, row in
            p.isOpen ? row.mark(p.symbol).map { p.unrealizedPnL(mark: $0) } : Money.zero
        }
        v.flag("ambiguous_exit") { $0.ambiguousExit }
        v.text(.report("exchange_position_key")) { $0.exchangePositionKey }
        v.text(ResultColumn("lifecycle_id", digestAfter: "status")) { $0.lifecycleID }
        v.text(.report("strategy_metadata")) { ResultText.metadataJSON($0.metadata) }
        v.text(.report("timeframe")) { $0.metadata.timeframe }
        v.real(.report("confidence")) { $0.metadata.confidence }
        v.text(.report("strength")) { $0.metadata.strength }
    }
}

extension PositionContribution: ResultRecord {
    public static let table = ResultTable(
        PositionContribution.self, "position_contributions", digest: "position_contributions",
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

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.text("contribution_id") { $0.id }
        v.text("strategy_position_id") { $0.strategyPositionID }
        v.text(.report("exchange_position_key")) { $0.exchangePositionKey }
        v.text("lifecycle_id") { $0.lifecycleID }
        v.text(.report("strategy_id")) { $0.strategyID }
        v.text(.report("symbol")) { $0.symbol.name }
        v.text(.report("position_side")) { $0.side.rawValue }
        v.decimal("contribution_quantity") { $0.quantity }
        v.decimal("contribution_entry_price") { $0.entryPrice }
        v.time("contribution_time") { $0.time }
        v.integer(ResultColumn("position_sequence", digestAfter: "lifecycle_id")) { $0.sequence }
        v.decimal("exchange_quantity_before") { $0.exchangeQuantityBefore }
        v.decimal("exchange_quantity_after") { $0.exchangeQuantityAfter }
        v.text(.report("status")) { $0.isClosed ? "closed" : "active" }
        v.flag(.digest("is_closed")) { $0.isClosed }
        v.text("close_reason") { $0.closeReason?.rawValue }
        v.time("exit_time") { $0.exitTime }
        v.decimal("exit_price") { $0.exitPrice }
        v.decimal("contribution_pnl") { $0.pnl }
        v.real(.report("contribution_pnl_pct")) { $0.pnlPercent }
    }
}

extension ExchangePositionRecord: ResultRecord {
    public static let table = ResultTable(
        ExchangePositionRecord.self, "exchange_positions", digest: "exchange_positions",
        indexes: [
            "CREATE UNIQUE INDEX exchange_positions_pk ON exchange_positions(run_id, lifecycle_id);",
            "CREATE INDEX ep_symbol_side ON exchange_positions(run_id, symbol, side);",
            "CREATE INDEX ep_key ON exchange_positions(run_id, exchange_position_key);",
            "CREATE INDEX ep_status ON exchange_positions(run_id, status);",
        ],
        order: "run_id, lifecycle_id")

    @inlinable public static func columns<V: ResultColumnVisitor>(_ v: inout V) where V.Record == Self {
        v.text("lifecycle_id") { $0.lifecycleID }
        v.text("exchange_position_key") { $0.key.description }
        v.text(.report("symbol")) { $0.key.symbol.name }
        v.text(.report("side")) { $0.key.side.rawValue }
        v.decimal("current_quantity") { $0.currentQuantity }
        v.decimal("weighted_avg_price") { $0.weightedAveragePrice }
        v.decimal(.report("unrealized_pnl")) { e, row in
            e.isOpen
                ? row.mark(e.key.symbol).map {
                    PositionBook.pnl(
                        side: e.key.side, entry: e.weightedAveragePrice, exit: $0, quantity: e.currentQuantity)
                } : Money.zero
        }
        v.time("first_entry_time") { $0.firstEntryTime }
        v.time("last_update_time") { $0.lastUpdateTime }
        v.time("closed_time") { $0.closedTime }
        v.text(.report("status")) { $0.isOpen ? "open" : "closed" }
        v.flag(.digest("is_open")) { $0.isOpen }
        v.text(.report("contributing_strategies")) { ResultText.jsonArray($0.contributingStrategies) }
        v.text(.digest("contributing_strategy_list")) { $0.contributingStrategies.joined(separator: ",") }
        v.integer("total_contributions") { $0.totalContributions }
        v.decimal("peak_quantity") { $0.peakQuantity }
        v.decimal("realized_pnl") { $0.realizedPnL }
        v.decimal("commission") { $0.commission }
        v.decimal("funding") { $0.funding }
        v.decimal("liquidation_fee") { $0.liquidationFee }
        v.decimal(.report("net_pnl")) { $0.realizedPnL - $0.commission + $0.funding - $0.liquidationFee }
        v.flag(ResultColumn("liquidated", digestAfter: "ambiguous_fills")) { $0.liquidated }
        v.integer("ambiguous_fills") { $0.ambiguousFills }
    }
}
