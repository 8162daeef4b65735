import Exchange
import Market
import Results
import TradeEngine

/// Collects what a run produced, in the order it happened: decisions and fills as they come;
/// orders from the exchange's order history when the run ends (in id order, which is the order
/// of their first reports). Fills and orders are attributed to strategy positions through the
/// dispatcher's order tags at the end.
final class Recorder {
    let dispatcher: Dispatcher<SimulatedExchange>
    /// The records so far, written on every decision and fill: in `StateStorage`, like the
    /// exchange's and the dispatcher's state.
    private let records = StateStorage(repeating: Records(), count: 1)

    private struct Records {
        var decisions: [DecisionRecord] = []
        /// Fills as delivered; purposes and strategy positions are filled in by `finish`.
        var fills: [FillRecord] = []
    }

    init(dispatcher: Dispatcher<SimulatedExchange>) {
        self.dispatcher = dispatcher
    }

    deinit { records.deallocate() }

    /// The decisions so far, in the order they were made.
    var decisions: [DecisionRecord] {
        get { records[0].decisions }
        _modify { yield &records[0].decisions }
    }

    /// Reserves room for a run of `signals` decided signals (two fills each): no reallocation
    /// as the arrays grow. Room never written costs no memory.
    func reserve(signals: Int) {
        records[0].decisions.reserveCapacity(signals + 16)
        records[0].fills.reserveCapacity(2 * signals + 16)
    }

    /// Records one exchange event (the orders' own updates are read back from the exchange).
    @inline(__always) func record(_ event: ExchangeEvent) {
        if case .fill(let f) = event {
            records[0].fills.append(FillRecord(fill: f, purpose: .close, strategyPositionID: nil, strategyID: nil))
        }
    }

    /// A decision row for a signal left out of the simulation.
    static func skippedDecision(_ r: RecordedSignal, reason: String) -> DecisionRecord {
        DecisionRecord(
            sequence: r.sequence, file: r.file, line: r.line, signalID: r.signal.recordedSignalID,
            strategyID: r.signal.strategyID, symbol: r.signal.symbol, action: r.signal.action.rawValue,
            confidence: r.signal.confidence, strategyMode: r.signal.strategyMode.rawValue,
            signalTime: r.signal.timestamp.timestamp, decisionTime: r.signal.timestamp.timestamp, stage: "data",
            status: "skipped", reason: reason)
    }

    /// Moves everything into the result, resolving strategy position ids (known only once the
    /// dispatcher handled the fills).
    func finish(into result: inout RunResult) {
        let book = dispatcher.strategyBook
        let exchange = dispatcher.exchange
        var orders: [OrderRecord] = []
        orders.reserveCapacity(exchange.orderCount + dispatcher.rejectedPlacements.count)
        // The exchange's book gives its memory back while the rows are built from it.
        exchange.drainOrderHistory { _, entry in
            let owner = dispatcher.tagNumber(clientOrderID: entry.update.clientOrderID).map {
                dispatcher.owner(tag: $0)
            }
            orders.append(
                OrderRecord(
                    orderID: entry.update.orderID, clientOrderID: entry.update.clientOrderID,
                    symbol: entry.update.symbol, side: entry.update.side, positionSide: entry.update.positionSide,
                    type: entry.update.originalType, timeInForce: entry.update.timeInForce,
                    workingType: entry.update.workingType, closePosition: entry.update.closePosition,
                    quantity: entry.update.quantity, price: entry.update.price.isZero ? nil : entry.update.price,
                    stopPrice: entry.update.stopPrice.isZero ? nil : entry.update.stopPrice,
                    status: entry.update.status, expiryReason: entry.update.expiryReason,
                    executedQuantity: entry.update.executedQuantity, averagePrice: entry.update.averagePrice,
                    createTime: entry.createTime, updateTime: entry.update.time,
                    purpose: entry.update.originalType == .liquidation ? .liquidation : (owner?.purpose ?? .close),
                    strategyPositionID: owner?.position.map { book.positions[$0].id }, strategyID: owner?.strategyID,
                    rejectMessage: entry.update.rejectMessage))
        }
        var rejected: [OrderRecord] = []
        for r in dispatcher.rejectedPlacements {
            let req = r.request
            rejected.append(
                OrderRecord(
                    orderID: nil, clientOrderID: req.clientOrderID, symbol: req.symbol, side: req.side,
                    positionSide: req.positionSide, type: req.type, timeInForce: req.timeInForce,
                    workingType: req.workingType, closePosition: req.closePosition, quantity: req.quantity,
                    price: req.price, stopPrice: req.stopPrice, status: .rejected, expiryReason: .none,
                    executedQuantity: .zero, averagePrice: .zero, createTime: r.time, updateTime: r.time,
                    purpose: r.tag.purpose, strategyPositionID: r.tag.position.map { book.positions[$0].id },
                    strategyID: r.tag.strategyID, rejectCode: r.rejection.code, rejectMessage: r.rejection.message))
        }
        // Moved, not copied: the recorder's arrays are released as the result takes them.
        orders.append(contentsOf: rejected)
        swap(&result.orders, &orders)
        var fills: [FillRecord] = []
        swap(&fills, &records[0].fills)
        for i in fills.indices {
            guard let n = dispatcher.tagNumber(clientOrderID: fills[i].fill.clientOrderID) else {
                if fills[i].fill.isLiquidation { fills[i].purpose = .liquidation }
                continue
            }
            let owner = dispatcher.owner(tag: n)
            fills[i].purpose = fills[i].fill.isLiquidation ? .liquidation : owner.purpose
            fills[i].strategyPositionID = owner.position.map { book.positions[$0].id }
            fills[i].strategyID = owner.strategyID
        }
        swap(&result.fills, &fills)
        result.funding = dispatcher.fundingAttributions.map { a in
            FundingRecord(
                payment: a.payment, lifecycleID: a.lifecycleID,
                shares: a.shares.map {
                    StrategyShare(
                        strategyPositionID: book.positions[$0.position].id,
                        strategyID: book.positions[$0.position].strategyID, amount: $0.amount)
                })
        }
        var decisions: [DecisionRecord] = []
        swap(&decisions, &records[0].decisions)
        decisions.sort { $0.sequence < $1.sequence }
        swap(&result.decisions, &decisions)
        result.strategyPositions = book.positions
        result.contributions = book.contributions
        result.exchangePositions = book.exchangePositions
    }
}
