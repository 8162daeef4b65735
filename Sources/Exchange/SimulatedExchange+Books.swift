import HeapModule
import Market

// The order books: pending lists, trigger heaps (lazy deletion by generation), trailing lists,
// per-leg working-order lists, OCO groups, and the terminal transitions.
extension SimulatedExchange {
    /// Where an armed order lives: which heap and with which key.
    enum HeapSlot {
        case contractUp, contractDown, markUp, markDown
    }

    /// The heap and key of an order that is about to rest or wait for a trigger.
    func heapSlot(_ o: SimulatedOrder) -> (HeapSlot, Int64) {
        if o.stage == .resting {
            // A resting limit fills when the path trades through its price (or touches it).
            let strict: Int64 = configuration.limitFillOnTouch ? 0 : 1
            return o.side == .buy ? (.contractDown, o.price - strict) : (.contractUp, o.price + strict)
        }
        let risesToTrigger: Bool
        switch o.type {
        case .stop, .stopMarket: risesToTrigger = o.side == .buy
        default: risesToTrigger = o.side == .sell
        }
        if o.workingType == .markPrice {
            return (risesToTrigger ? .markUp : .markDown, o.stopPrice)
        }
        return (risesToTrigger ? .contractUp : .contractDown, o.stopPrice)
    }

    /// Puts an active order where the bar walk finds it.
    func arm(_ index: Int) {
        let s = state.orders[index].symbol
        switch state.orders[index].stage {
        case .trailing:
            state.trailing[s].append(Int32(index))
            hot[s].trailingCount = Int32(state.trailing[s].count)
        case .conditional, .resting:
            let (slot, key) = heapSlot(state.orders[index])
            let id = state.orders[index].id
            let generation = state.orders[index].generation
            switch slot {
            case .contractUp:
                state.upContract[s].insert(TriggerEntry(key: key, tie: id, index: Int32(index), generation: generation))
            case .contractDown:
                state.downContract[s].insert(
                    TriggerEntry(key: key, tie: -id, index: Int32(index), generation: generation))
            case .markUp:
                state.upMark[s].insert(TriggerEntry(key: key, tie: id, index: Int32(index), generation: generation))
            case .markDown:
                state.downMark[s].insert(TriggerEntry(key: key, tie: -id, index: Int32(index), generation: generation))
            }
            refreshTops(s)
        case .pending, .triggering, .done:
            break
        }
    }

    /// The stage an order takes when it becomes active.
    func activeStage(_ o: SimulatedOrder) -> OrderStage {
        switch o.type {
        case .trailingStopMarket: .trailing
        case .stop, .stopMarket, .takeProfit, .takeProfitMarket: .conditional
        default: .resting
        }
    }

    /// Queues an order until `activeFrom`.
    func schedule(_ index: Int, activeFrom: Int64) {
        let s = state.orders[index].symbol
        state.orders[index].stage = .pending
        state.orders[index].activeFrom = activeFrom
        state.pending[s].append(Int32(index))
        if activeFrom < hot[s].pendingMin { hot[s].pendingMin = activeFrom }
    }

    @inline(__always) func isLive(_ entry: TriggerEntry) -> Bool {
        let index = Int(entry.index)
        let stage = state.orders[index].stage
        return state.orders[index].generation == entry.generation && (stage == .conditional || stage == .resting)
    }

    /// Drops dead entries from the heap tops and caches the live tops.
    func refreshTops(_ s: Int) {
        while let top = state.upContract[s].min, !isLive(top) { _ = state.upContract[s].popMin() }
        while let top = state.downContract[s].max, !isLive(top) { _ = state.downContract[s].popMax() }
        while let top = state.upMark[s].min, !isLive(top) { _ = state.upMark[s].popMin() }
        while let top = state.downMark[s].max, !isLive(top) { _ = state.downMark[s].popMax() }
        hot[s].upContract = state.upContract[s].min?.key ?? .max
        hot[s].downContract = state.downContract[s].max?.key ?? .min
        hot[s].upMark = state.upMark[s].min?.key ?? .max
        hot[s].downMark = state.downMark[s].max?.key ?? .min
    }

    /// Rebuilds a symbol's heaps without dead entries once they outnumber the live ones.
    func compactIfNeeded(_ s: Int) {
        let total =
            state.upContract[s].count + state.downContract[s].count + state.upMark[s].count + state.downMark[s].count
        guard state.deadEntries[s] > 256, state.deadEntries[s] * 2 > total else { return }
        state.upContract[s] = Heap(state.upContract[s].unordered.filter(isLive))
        state.downContract[s] = Heap(state.downContract[s].unordered.filter(isLive))
        state.upMark[s] = Heap(state.upMark[s].unordered.filter(isLive))
        state.downMark[s] = Heap(state.downMark[s].unordered.filter(isLive))
        state.deadEntries[s] = 0
        refreshTops(s)
    }

    /// Takes an order out of whatever list or heap holds it (heap entries die lazily).
    func unbook(_ index: Int) {
        let s = state.orders[index].symbol
        switch state.orders[index].stage {
        case .pending:
            if let k = state.pending[s].firstIndex(of: Int32(index)) { state.pending[s].remove(at: k) }
            recomputePendingMin(s)
        case .conditional, .resting:
            state.orders[index].generation &+= 1
            state.deadEntries[s] += 1
            refreshTops(s)
            compactIfNeeded(s)
        case .trailing:
            if let k = state.trailing[s].firstIndex(of: Int32(index)) { state.trailing[s].remove(at: k) }
            hot[s].trailingCount = Int32(state.trailing[s].count)
        case .triggering, .done:
            break
        }
    }

    func recomputePendingMin(_ s: Int) {
        var minimum = Int64.max
        for index in state.pending[s] where state.orders[Int(index)].activeFrom < minimum {
            minimum = state.orders[Int(index)].activeFrom
        }
        hot[s].pendingMin = minimum
    }

    /// True while the order occupies one of the account's conditional (algo) order slots.
    func holdsConditionalSlot(_ o: SimulatedOrder) -> Bool {
        o.originalType.isConditional && o.type == o.originalType && o.stage != .done
    }

    /// Releases a conditional slot when the order triggers or ends.
    func releaseConditionalSlot(_ index: Int) {
        guard holdsConditionalSlot(state.orders[index]) else { return }
        state.conditionalCount -= 1
        state.conditionalPerSymbol[state.orders[index].symbol] -= 1
    }

    /// Moves an order to a terminal state: out of the books, margin released, off its leg.
    func finish(_ index: Int, status: OrderStatus, reason: ExpiryReason = .none) {
        releaseConditionalSlot(index)
        unbook(index)
        state.orders[index].stage = .done
        state.orders[index].status = status
        state.orders[index].expiryReason = reason
        state.orders[index].updateTime = state.now
        releaseMargin(index)
        let leg = legIndex(state.orders[index].symbol, state.orders[index].positionSide)
        if let k = state.legOrders[leg].firstIndex(of: Int32(index)) { state.legOrders[leg].remove(at: k) }
        if let group = state.orders[index].ocoGroup, state.ocoGroups.contains(where: { $0.group == group }),
            state.ocoGroups.allSatisfy({ $0.group != group || state.orders[Int($0.order)].stage == .done })
        {
            state.ocoGroups.removeAll { $0.group == group }
        }
    }

    func releaseMargin(_ index: Int) {
        let reserved = state.orders[index].reservedMargin
        guard reserved != 0 else { return }
        state.openOrderMargin -= reserved
        state.orders[index].reservedMargin = 0
    }

    /// Cancels (user or OCO) or expires (system) a working order and reports it.
    func terminate(_ index: Int, _ execution: ExecutionType, reason: ExpiryReason = .none) {
        guard state.orders[index].stage != .done else { return }
        finish(index, status: execution == .canceled ? .canceled : .expired, reason: reason)
        emitOrder(index, execution)
    }

    /// Cancels every other working order of the group (zero-latency OCO monitor).
    func cancelGroupSiblings(of index: Int) {
        guard let group = state.orders[index].ocoGroup, state.ocoGroups.contains(where: { $0.group == group }) else {
            return
        }
        // The members in placement order: the first two without an allocation (a pair is the
        // common group), any further ones in an array.
        var first: Int32 = -1
        var second: Int32 = -1
        var more: [Int32] = []
        for m in state.ocoGroups where m.group == group {
            if first < 0 {
                first = m.order
            } else if second < 0 {
                second = m.order
            } else {
                more.append(m.order)
            }
        }
        state.ocoGroups.removeAll { $0.group == group }
        if first >= 0 && Int(first) != index { terminate(Int(first), .canceled) }
        if second >= 0 && Int(second) != index { terminate(Int(second), .canceled) }
        for member in more where Int(member) != index { terminate(Int(member), .canceled) }
    }

    /// The leg went flat: closePosition and GTE_GTC orders expire (reason 6, GTE condition
    /// unsatisfied); close-side LIMIT orders expire (reason 4); untriggered plain close-side
    /// conditional orders stay (Binance leaves them working until they trigger).
    func legWentFlat(_ leg: Int) {
        let working = state.legOrders[leg]
        for member in working {
            let index = Int(member)
            guard state.orders[index].stage != .done,
                state.orders[index].side == state.orders[index].positionSide.closingSide
            else {
                continue
            }
            if state.orders[index].closePosition || state.orders[index].timeInForce == .gteGtc {
                terminate(index, .expired, reason: .gteConditionUnsatisfied)
            } else if state.orders[index].type == .limit {
                terminate(index, .expired, reason: .reduceOnlyKnockout)
            }
        }
    }
}
