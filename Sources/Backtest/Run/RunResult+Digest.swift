import Market
import TradeEngine

extension RunResult {
    /// SHA-256 over the canonical content of every result table: decisions, orders, fills,
    /// funding, strategy positions, contributions, exchange positions and equity, each row as its
    /// fields in a fixed order (exact decimals, ISO times), never wall times. Two runs of the same
    /// scenario on the same data give the same digest on any machine, whatever the hash seed.
    public func computeDigest() -> String {
        var d = DigestWriter()
        d.table("run")
        // The label only names the run (a compare variant or the scenario); it is not a result.
        d.row([settingsJSON, engineVersion, String(bars), initialBalance.description])
        d.table("signal_decisions")
        for r in decisions {
            d.row([
                String(r.sequence), r.file, String(r.line), r.signalID ?? "", r.strategyID, r.symbol.name, r.action,
                String(r.confidence), r.strategyMode, r.signalTime.iso8601, r.decisionTime.iso8601, r.stage, r.status,
                r.reason, r.quantity?.description ?? "", r.orderID.map(String.init) ?? "",
            ])
        }
        d.table("orders")
        for o in orders {
            d.row([
                o.orderID.map(String.init) ?? "", o.clientOrderID ?? "", o.symbol.name, o.side.rawValue,
                o.positionSide?.rawValue ?? "", o.type.rawValue, o.timeInForce?.rawValue ?? "", o.workingType.rawValue,
                String(o.closePosition), o.quantity?.description ?? "", o.price?.description ?? "",
                o.stopPrice?.description ?? "", o.status.rawValue, String(o.expiryReason.rawValue),
                o.executedQuantity.description, o.averagePrice.description, o.createTime.iso8601, o.updateTime.iso8601,
                o.purpose.rawValue, o.strategyPositionID ?? "", o.strategyID ?? "", o.rejectCode.map(String.init) ?? "",
                o.rejectMessage ?? "",
            ])
        }
        d.table("fills")
        for r in fills {
            let f = r.fill
            d.row([
                String(f.tradeID), String(f.orderID), f.symbol.name, f.side.rawValue, f.positionSide.rawValue,
                f.orderType.rawValue, f.price.description, f.quantity.description, f.quoteQuantity.description,
                f.commission.description, f.commissionAsset.rawValue, f.realizedPnL.description, String(f.isMaker),
                String(f.isLiquidation), f.liquidationFee.description, f.time.iso8601, f.barTime.iso8601,
                f.pathPoint.description, String(f.ambiguous), r.purpose.rawValue, r.strategyPositionID ?? "",
            ])
        }
        d.table("funding")
        for r in funding {
            let p = r.payment
            d.row(
                [
                    p.symbol.name, p.positionSide.rawValue, p.time.iso8601, p.rate.description, p.markPrice.description,
                    p.positionQuantity.description, p.amount.description, r.lifecycleID ?? "",
                ] + r.shares.flatMap { [$0.strategyPositionID, $0.amount.description] })
        }
        d.table("strategy_positions")
        for p in strategyPositions {
            d.row([
                p.id, p.strategyID, p.signalID ?? "", String(p.signalSequence), p.symbol.name, p.side.rawValue,
                p.entryQuantity.description, p.entryPrice.description, p.entryTime.iso8601,
                p.entryOrderID.map(String.init) ?? "", p.takeProfitPrice?.description ?? "",
                p.stopLossPrice?.description ?? "", p.status.rawValue, p.lifecycleID,
                p.remainingQuantity.description, p.exitQuantity.description, p.exitValue.description,
                p.exitTime?.iso8601 ?? "", p.closeReason?.rawValue ?? "", p.realizedPnL.description,
                p.commission.description, p.funding.description, p.liquidationFee.description, String(p.ambiguousExit),
                p.protectionNote ?? "",
            ])
        }
        d.table("position_contributions")
        for c in contributions {
            d.row([
                c.id, c.strategyPositionID, c.lifecycleID, String(c.sequence), c.quantity.description,
                c.entryPrice.description, c.time.iso8601, c.exchangeQuantityBefore.description,
                c.exchangeQuantityAfter.description, String(c.isClosed), c.closeReason?.rawValue ?? "",
                c.exitTime?.iso8601 ?? "", c.exitPrice?.description ?? "", c.pnl?.description ?? "",
            ])
        }
        d.table("exchange_positions")
        for e in exchangePositions {
            d.row([
                e.lifecycleID, e.key.description, e.currentQuantity.description, e.weightedAveragePrice.description,
                e.firstEntryTime.iso8601, e.lastUpdateTime.iso8601, e.closedTime?.iso8601 ?? "", String(e.isOpen),
                e.contributingStrategies.joined(separator: ","), String(e.totalContributions),
                e.peakQuantity.description, e.realizedPnL.description, e.commission.description, e.funding.description,
                e.liquidationFee.description, String(e.ambiguousFills), String(e.liquidated),
            ])
        }
        d.table("equity")
        for e in equity {
            d.row([
                e.time.iso8601, e.wallet.description, e.unrealized.description, e.margin.description,
                e.equity.description, e.drawdown.description,
            ])
        }
        return d.finish()
    }
}

/// Feeds rows to SHA-256 with unambiguous separators (unit separator between fields, newline
/// between rows, a header line per table).
struct DigestWriter {
    var hasher = SHA256()
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func table(_ name: String) {
        buffer.append(contentsOf: "#\(name)\n".utf8)
        flushIfNeeded()
    }

    mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { buffer.append(0x1F) }
            buffer.append(contentsOf: field.utf8)
        }
        buffer.append(0x0A)
        flushIfNeeded()
    }

    private mutating func flushIfNeeded(force: Bool = false) {
        if buffer.count >= 1 << 15 || force {
            hasher.update(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() -> String {
        flushIfNeeded(force: true)
        return hasher.hexDigest()
    }
}
