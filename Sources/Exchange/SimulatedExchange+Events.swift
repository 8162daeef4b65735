import Market

// Event delivery. Internal code appends events and calls `flushEvents()` once a transaction
// (a fill with its updates, a cancel, an acceptance) is complete and the books are consistent.
// A handler that calls back into the exchange only appends: the outermost flush delivers
// everything in order, so an event never overtakes the ones produced before it.
extension SimulatedExchange {
    @inline(__always) func emit(_ event: ExchangeEvent) {
        guard state.onEvent != nil else { return }
        state.eventQueue.append(event)
    }

    func flushEvents() {
        guard !state.delivering, state.eventHead < state.eventQueue.count, let handler = state.onEvent else { return }
        state.delivering = true
        while state.eventHead < state.eventQueue.count {
            let event = state.eventQueue[state.eventHead]
            state.eventHead += 1
            handler(event)
        }
        state.eventQueue.removeAll(keepingCapacity: true)
        state.eventHead = 0
        state.delivering = false
    }

    /// The order's current state as an `ORDER_TRADE_UPDATE` payload.
    func orderUpdate(_ index: Int, _ execution: ExecutionType) -> OrderUpdate {
        let o = state.orders[index]
        let average = o.executed > 0 ? FixedPointMath.mulDiv(o.cumulativeQuote, fixedPointOne, o.executed, .nearest) : 0
        return OrderUpdate(
            orderID: o.id, clientOrderID: state.clientOrderIDs[index], symbol: symbols[o.symbol], side: o.side,
            positionSide: o.positionSide, type: o.type, originalType: o.originalType, timeInForce: o.timeInForce,
            workingType: o.workingType, closePosition: o.closePosition, quantity: Quantity(raw: o.quantity),
            price: Price(raw: o.price), stopPrice: Price(raw: o.stopPrice),
            activationPrice: o.originalType == .trailingStopMarket && o.activationPrice != 0
                ? Price(raw: o.activationPrice) : nil,
            callbackRate: o.originalType == .trailingStopMarket ? Rate(raw: o.callbackRate) : nil,
            executionType: execution, status: o.status, expiryReason: o.expiryReason,
            executedQuantity: Quantity(raw: o.executed), averagePrice: Price(raw: average),
            rejectMessage: nil, time: Timestamp(milliseconds: state.now))
    }

    /// Reports the order's new state: kept on the order (`orderHistory`) and, to a handler,
    /// delivered as an `ORDER_TRADE_UPDATE` (reports that leave the order working only when
    /// `deliversWorkingOrderUpdates`).
    @inline(__always) func emitOrder(_ index: Int, _ execution: ExecutionType, rejectMessage: String? = nil) {
        state.orders[index].updateTime = state.now
        state.orders[index].lastExecution = execution
        if let rejectMessage { state.rejectMessages[index] = rejectMessage }
        guard state.onEvent != nil, state.deliversWorkingOrderUpdates || state.orders[index].status.isFinal else {
            return
        }
        var update = orderUpdate(index, execution)
        update.rejectMessage = rejectMessage
        state.eventQueue.append(.order(update))
    }
}
