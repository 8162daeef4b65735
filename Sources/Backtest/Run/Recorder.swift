import Exchange
import Market
import TradeEngine

/// Collects what a run produced, in the order it happened: decisions, order states, fills
/// (attributed to strategy positions through the dispatcher's order tags).
final class Recorder {
    let dispatcher: Dispatcher<SimulatedExchange>
    var decisions: [DecisionRecord] = []
    private var orders: [OrderRecord] = []
    private var orderIndex: [OrderID: Int] = [:]
    private var fills: [(fill: Fill, purpose: OrderPurpose)] = []

    init(dispatcher: Dispatcher<SimulatedExchange>) {
        self.dispatcher = dispatcher
    }

    /// Records one exchange event.
    func record(_ event: ExchangeEvent) {
        switch event {
        case .order(let u):
            if let index = orderIndex[u.orderID] {
                orders[index].status = u.status
                orders[index].expiryReason = u.expiryReason
                orders[index].executedQuantity = u.executedQuantity
                orders[index].averagePrice = u.averagePrice
                orders[index].updateTime = u.time
                if orders[index].quantity == nil || orders[index].quantity == .zero {
                    orders[index].quantity = u.quantity
                }
                if let message = u.rejectMessage { orders[index].rejectMessage = message }
            } else {
                let tag = dispatcher.tag(clientOrderID: u.clientOrderID)
                orderIndex[u.orderID] = orders.count
                orders.append(
                    OrderRecord(
                        orderID: u.orderID, clientOrderID: u.clientOrderID, symbol: u.symbol, side: u.side,
                        positionSide: u.positionSide, type: u.originalType, timeInForce: u.timeInForce,
                        workingType: u.workingType, closePosition: u.closePosition, quantity: u.quantity,
                        price: u.price.isZero ? nil : u.price, stopPrice: u.stopPrice.isZero ? nil : u.stopPrice,
                        status: u.status, expiryReason: u.expiryReason, executedQuantity: u.executedQuantity,
                        averagePrice: u.averagePrice, createTime: u.time, updateTime: u.time,
                        purpose: u.originalType == .liquidation ? .liquidation : (tag?.purpose ?? .close),
                        strategyPositionID: nil, strategyID: tag?.strategyID, rejectMessage: u.rejectMessage))
            }
        case .fill(let f):
            let purpose: OrderPurpose =
                f.isLiquidation ? .liquidation : (dispatcher.tag(clientOrderID: f.clientOrderID)?.purpose ?? .close)
            fills.append((f, purpose))
        case .funding:
            break
        }
    }

    /// A decision row for a signal left out of the simulation.
    static func skippedDecision(_ r: RecordedSignal, reason: String) -> DecisionRecord {
        DecisionRecord(
            sequence: r.sequence, file: r.file, line: r.line, signalID: r.signal.recordedSignalId,
            strategyID: r.signal.strategyId, symbol: r.signal.symbol, action: r.signal.action.rawValue,
            confidence: r.signal.confidence, strategyMode: r.signal.strategyMode.rawValue,
            signalTime: r.signal.timestamp.timestamp, decisionTime: r.signal.timestamp.timestamp, stage: "data",
            status: "skipped", reason: reason)
    }

    /// Moves everything into the result, resolving strategy position ids (known only once the
    /// dispatcher handled the fills).
    func finish(into result: inout RunResult) {
        let book = dispatcher.strategyBook
        func positionID(_ clientOrderID: String?) -> (String?, String?) {
            guard let tag = dispatcher.tag(clientOrderID: clientOrderID) else { return (nil, nil) }
            return (tag.position.map { book.positions[$0].id }, tag.strategyID)
        }
        for i in orders.indices {
            let (id, strategy) = positionID(orders[i].clientOrderID)
            orders[i].strategyPositionID = id
            orders[i].strategyID = strategy ?? orders[i].strategyID
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
        result.orders = orders + rejected
        result.fills = fills.map { entry in
            let (id, strategy) = positionID(entry.fill.clientOrderID)
            return FillRecord(fill: entry.fill, purpose: entry.purpose, strategyPositionID: id, strategyID: strategy)
        }
        result.funding = dispatcher.fundingAttributions.map { a in
            FundingRecord(
                payment: a.payment, lifecycleID: a.lifecycleID,
                shares: a.shares.map {
                    StrategyShare(
                        strategyPositionID: book.positions[$0.position].id,
                        strategyID: book.positions[$0.position].strategyID, amount: $0.amount)
                })
        }
        result.decisions = decisions.sorted { $0.sequence < $1.sequence }
        result.strategyPositions = book.positions
        result.contributions = book.contributions
        result.exchangePositions = book.exchangePositions
    }
}
