import Exchange
import Market
import TradeEngine

/// Collects what a run produced, in the order it happened: decisions, order states, fills
/// (attributed to strategy positions through the dispatcher's order tags).
final class Recorder {
    let dispatcher: Dispatcher<SimulatedExchange>
    var decisions: [DecisionRecord] = []
    private var orders: [OrderRecord] = []
    /// Index into `orders` by order id − 1 (−1: not seen); the exchange numbers orders 1, 2, …
    private var orderIndex: [Int32] = []
    /// Fills as recorded; their strategy position ids are filled in by `finish`.
    private var fills: [FillRecord] = []

    init(dispatcher: Dispatcher<SimulatedExchange>) {
        self.dispatcher = dispatcher
    }

    /// Reserves room for a run of `signals` decided signals (an entry and two protective orders,
    /// two fills each): no reallocation as the arrays grow. Room never written costs no memory.
    func reserve(signals: Int) {
        decisions.reserveCapacity(signals + 16)
        orders.reserveCapacity(3 * signals + 16)
        fills.reserveCapacity(2 * signals + 16)
    }

    /// Records one exchange event.
    func record(_ event: ExchangeEvent) {
        switch event {
        case .order(let u):
            if let index = recordIndex(u.orderID) {
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
                setRecordIndex(u.orderID, orders.count)
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
            fills.append(FillRecord(fill: f, purpose: purpose, strategyPositionID: nil, strategyID: nil))
        case .funding:
            break
        }
    }

    private func recordIndex(_ id: OrderID) -> Int? {
        let k = Int(id) - 1
        guard k >= 0, k < orderIndex.count, orderIndex[k] >= 0 else { return nil }
        return Int(orderIndex[k])
    }

    private func setRecordIndex(_ id: OrderID, _ index: Int) {
        let k = Int(id) - 1
        guard k >= 0 else { return }
        if k >= orderIndex.count { orderIndex.append(contentsOf: repeatElement(-1, count: k + 1 - orderIndex.count)) }
        orderIndex[k] = Int32(index)
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
        // Moved, not copied: the recorder's arrays are released as the result takes them.
        orders.append(contentsOf: rejected)
        swap(&result.orders, &orders)
        orders = []
        for i in fills.indices {
            (fills[i].strategyPositionID, fills[i].strategyID) = positionID(fills[i].fill.clientOrderID)
        }
        swap(&result.fills, &fills)
        fills = []
        result.funding = dispatcher.fundingAttributions.map { a in
            FundingRecord(
                payment: a.payment, lifecycleID: a.lifecycleID,
                shares: a.shares.map {
                    StrategyShare(
                        strategyPositionID: book.positions[$0.position].id,
                        strategyID: book.positions[$0.position].strategyID, amount: $0.amount)
                })
        }
        decisions.sort { $0.sequence < $1.sequence }
        swap(&result.decisions, &decisions)
        decisions = []
        result.strategyPositions = book.positions
        result.contributions = book.contributions
        result.exchangePositions = book.exchangePositions
    }
}
