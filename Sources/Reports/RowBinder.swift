import Backtest
import Market
import TradeEngine

/// Binds one record per table row, in the column order of `ReportSchema` (checked in debug
/// builds: the bound parameter count must equal the table's column count).
enum RowBinder {
    @inline(__always) static func finish(
        _ statement: SQLiteStatement, _ table: @autoclosure () -> ReportTableDefinition
    ) throws(ReportError) {
        assert(
            (Int(statement.index) - 1) % table().columnNames.count == 0, "\(table().name): bound \(statement.index - 1)"
        )
        try statement.endRow()
    }

    static func run(_ run: RunResult, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        let scenario = run.scenario
        s.bind(runID)
        s.bind(run.label)
        s.bind(scenario.name)
        s.bind(scenario.file)
        s.bind(scenario.description)
        s.bind(run.settingsJSON)
        s.bind(scenario.engine.sameDirection.scenarioName)
        s.bind(scenario.protection.scenarioName)
        s.bind(scenario.engine.positionMode.scenarioName)
        s.bind(scenario.exchange.pricePath.scenarioName)
        s.bind(scenario.exchange.fillReference.scenarioName)
        s.bind(scenario.data.interval.rawValue)
        s.bind("[" + scenario.symbols.map { NumberText.jsonString($0.name) }.joined(separator: ",") + "]")
        s.bind(run.dataDigest)
        s.bind(run.resultDigest)
        s.bind(run.engineVersion)
        s.bind(run.bars)
        s.bind(run.firstBar)
        s.bind(run.lastBar)
        s.bind(run.signalCounts.total)
        s.bind(run.signalCounts.decided)
        s.bind(run.signalCounts.outsideRange)
        s.bind(run.signalCounts.unknownSymbol)
        s.bindDecimal(run.initialBalance)
        s.bindDecimal(run.finalWallet)
        s.bindDecimal(run.finalEquity)
        try finish(s, ReportSchema.runs)
    }

    static func timings(_ timings: RunTimings, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(timings.read)
        s.bind(timings.simulate)
        s.bind(timings.report)
        try finish(s, ReportSchema.runTimings)
    }

    static func decision(_ d: DecisionRecord, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(d.sequence)
        s.bind(d.file)
        s.bind(d.line)
        s.bind(d.signalID)
        s.bind(d.strategyID)
        s.bind(d.symbol.name)
        s.bind(d.action)
        s.bind(d.confidence)
        s.bind(d.strategyMode)
        s.bind(d.signalTime)
        s.bind(d.decisionTime)
        s.bind(d.stage)
        s.bind(d.status)
        s.bind(d.reason)
        s.bindDecimal(d.quantity)
        s.bind(d.orderID)
        try finish(s, ReportSchema.signalDecisions)
    }

    static func order(_ o: OrderRecord, seq: Int, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(seq)
        s.bind(o.orderID)
        s.bind(o.clientOrderID)
        s.bind(o.symbol.name)
        s.bind(o.side.rawValue)
        s.bind(o.positionSide?.rawValue)
        s.bind(o.type.rawValue)
        s.bind(o.timeInForce?.rawValue)
        s.bind(o.workingType.rawValue)
        s.bind(o.closePosition)
        s.bindDecimal(o.quantity)
        s.bindDecimal(o.price)
        s.bindDecimal(o.stopPrice)
        s.bind(o.status.rawValue)
        s.bind(o.expiryReason.rawValue)
        s.bindDecimal(o.executedQuantity)
        s.bindDecimal(o.averagePrice)
        s.bind(o.createTime)
        s.bind(o.updateTime)
        s.bind(o.purpose.rawValue)
        s.bind(o.strategyPositionID)
        s.bind(o.strategyID)
        s.bind(o.rejectCode)
        s.bind(o.rejectMessage)
        try finish(s, ReportSchema.orders)
    }

    @inline(__always) static func fill(_ r: FillRecord, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(r.fill.tradeID)
        s.bind(r.fill.orderID)
        s.bind(r.fill.clientOrderID)
        s.bind(r.fill.symbol.name)
        s.bind(r.fill.side.rawValue)
        s.bind(r.fill.positionSide.rawValue)
        s.bind(r.fill.side == .buy)
        s.bind(r.fill.isMaker)
        s.bindDecimal(r.fill.price)
        s.bindDecimal(r.fill.quantity)
        s.bindDecimal(r.fill.quoteQuantity)
        s.bindDecimal(r.fill.commission)
        s.bind(r.fill.commissionAsset.rawValue)
        s.bindDecimal(r.fill.realizedPnL)
        s.bind(r.fill.isLiquidation)
        s.bindDecimal(r.fill.liquidationFee)
        s.bind(r.fill.time)
        s.bind(r.fill.barTime)
        s.bind(r.fill.pathPoint.description)
        s.bind(r.fill.ambiguous)
        s.bind(r.fill.orderType.rawValue)
        s.bind(r.purpose.rawValue)
        s.bind(r.strategyPositionID)
        s.bind(r.strategyID)
        try finish(s, ReportSchema.fills)
    }

    static func strategyPosition(
        _ p: StrategyPosition, mark: Price?, runID: Int64, into s: SQLiteStatement
    )
        throws(ReportError)
    {
        let unrealized: Money? = p.isOpen ? mark.map { p.unrealizedPnL(mark: $0) } : .zero
        s.bind(runID)
        s.bind(p.sequence)
        s.bind(p.id)
        s.bind(p.strategyID)
        s.bind(p.signalID)
        s.bind(p.decisionID)
        s.bind(p.signalSequence)
        s.bind(p.symbol.name)
        s.bind(p.side.rawValue)
        s.bindDecimal(p.entryQuantity)
        s.bindDecimal(p.side == .short ? -p.entryQuantity : p.entryQuantity)
        s.bindDecimal(p.entryPrice)
        s.bind(p.entryTime)
        s.bind(p.entryOrderID)
        s.bindDecimal(p.takeProfitPrice)
        s.bindDecimal(p.stopLossPrice)
        s.bind(p.takeProfitOrderID)
        s.bind(p.stopLossOrderID)
        s.bind(p.protectionNote)
        s.bind(p.status.rawValue)
        s.bindDecimal(p.remainingQuantity)
        s.bindDecimal(p.exitQuantity.isZero ? nil : p.exitQuantity)
        s.bindDecimal(p.exitPrice)
        s.bind(p.exitTime)
        s.bind(p.exitOrderID)
        s.bind(p.closeReason?.rawValue)
        s.bindDecimal(p.realizedPnL)
        s.bind(p.realizedPnLPercent)
        s.bindDecimal(p.commission)
        s.bindDecimal(p.funding)
        s.bindDecimal(p.liquidationFee)
        s.bindDecimal(p.netPnL)
        s.bindDecimal(unrealized)
        s.bind(p.ambiguousExit)
        s.bind(p.exchangePositionKey)
        s.bind(p.lifecycleID)
        s.bind(metadataJSON(p.metadata))
        s.bind(p.metadata.timeframe)
        s.bind(p.metadata.confidence)
        s.bind(p.metadata.strength)
        try finish(s, ReportSchema.strategyPositions)
    }

    /// `strategy_metadata` as live keeps it: `{timeframe, confidence, strength, rationale}`.
    static func metadataJSON(_ m: StrategyMetadata) -> String {
        var out = "{\"timeframe\":"
        NumberText.jsonString(m.timeframe, into: &out)
        out += ",\"confidence\":" + (NumberText.real(m.confidence) ?? "null")
        out += ",\"strength\":"
        NumberText.jsonString(m.strength, into: &out)
        out += ",\"rationale\":"
        if let rationale = m.rationale { NumberText.jsonString(rationale, into: &out) } else { out += "null" }
        return out + "}"
    }

    static func contribution(_ c: PositionContribution, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(c.id)
        s.bind(c.strategyPositionID)
        s.bind(c.exchangePositionKey)
        s.bind(c.lifecycleID)
        s.bind(c.strategyID)
        s.bind(c.symbol.name)
        s.bind(c.side.rawValue)
        s.bindDecimal(c.quantity)
        s.bindDecimal(c.entryPrice)
        s.bind(c.time)
        s.bind(c.sequence)
        s.bindDecimal(c.exchangeQuantityBefore)
        s.bindDecimal(c.exchangeQuantityAfter)
        s.bind(c.isClosed ? "closed" : "active")
        s.bind(c.closeReason?.rawValue)
        s.bind(c.exitTime)
        s.bindDecimal(c.exitPrice)
        s.bindDecimal(c.pnl)
        s.bind(c.pnlPercent)
        try finish(s, ReportSchema.positionContributions)
    }

    static func exchangePosition(
        _ e: ExchangePositionRecord, mark: Price?, runID: Int64, into s: SQLiteStatement
    )
        throws(ReportError)
    {
        let unrealized: Money? =
            e.isOpen
            ? mark.map {
                PositionBook.pnl(side: e.key.side, entry: e.weightedAveragePrice, exit: $0, quantity: e.currentQuantity)
            } : .zero
        s.bind(runID)
        s.bind(e.lifecycleID)
        s.bind(e.key.description)
        s.bind(e.key.symbol.name)
        s.bind(e.key.side.rawValue)
        s.bindDecimal(e.currentQuantity)
        s.bindDecimal(e.weightedAveragePrice)
        s.bindDecimal(unrealized)
        s.bind(e.firstEntryTime)
        s.bind(e.lastUpdateTime)
        s.bind(e.closedTime)
        s.bind(e.isOpen ? "open" : "closed")
        s.bind("[" + e.contributingStrategies.map(NumberText.jsonString).joined(separator: ",") + "]")
        s.bind(e.totalContributions)
        s.bindDecimal(e.peakQuantity)
        s.bindDecimal(e.realizedPnL)
        s.bindDecimal(e.commission)
        s.bindDecimal(e.funding)
        s.bindDecimal(e.liquidationFee)
        s.bindDecimal(e.realizedPnL - e.commission + e.funding - e.liquidationFee)
        s.bind(e.liquidated)
        s.bind(e.ambiguousFills)
        try finish(s, ReportSchema.exchangePositions)
    }

    static func funding(_ r: FundingRecord, seq: Int, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        let p = r.payment
        s.bind(runID)
        s.bind(seq)
        s.bind(p.symbol.name)
        s.bind(p.positionSide.rawValue)
        s.bind(p.time)
        s.bindDecimal(p.rate)
        s.bindDecimal(p.markPrice)
        s.bindDecimal(p.positionQuantity)
        s.bindDecimal(p.amount)
        s.bind(r.lifecycleID)
        try finish(s, ReportSchema.fundingPayments)
    }

    static func fundingShare(
        _ share: StrategyShare, fundingSeq: Int, runID: Int64, into s: SQLiteStatement
    )
        throws(ReportError)
    {
        s.bind(runID)
        s.bind(fundingSeq)
        s.bind(share.strategyPositionID)
        s.bind(share.strategyID)
        s.bindDecimal(share.amount)
        try finish(s, ReportSchema.fundingShares)
    }

    static func equity(_ e: EquitySample, seq: Int, runID: Int64, into s: SQLiteStatement) throws(ReportError) {
        s.bind(runID)
        s.bind(seq)
        s.bind(e.time)
        s.bindDecimal(e.wallet)
        s.bindDecimal(e.unrealized)
        s.bindDecimal(e.margin)
        s.bindDecimal(e.equity)
        s.bindDecimal(e.drawdown)
        s.bind(e.drawdownFraction * 100)
        try finish(s, ReportSchema.equity)
    }
}
