public import Market

// Read-only views: positions, the account summary, working orders.
extension SimulatedExchange {
    public func position(_ symbol: Symbol, _ side: PositionSide) -> PositionSnapshot {
        guard let s = lookup(symbol), side != .both else {
            return PositionSnapshot(
                symbol: symbol, positionSide: side, quantity: .zero, entryPrice: .zero, costBasis: .zero,
                unrealizedPnL: .zero, realizedPnL: .zero, leverage: configuration.leverage(for: symbol),
                marginMode: configuration.marginMode(for: symbol), isolatedWallet: .zero, liquidationPrice: nil)
        }
        let leg = legIndex(s, side)
        let l = legs[leg]
        let entry = l.quantity > 0 ? FixedPointMath.mulDiv(l.cost, fixedPointOne, l.quantity, .nearest) : 0
        var liquidation: Price? = nil
        if l.quantity > 0 {
            if isolated[s] {
                liquidation = l.liquidationPrice > 0 ? Price(raw: l.liquidationPrice) : nil
            } else {
                let levels = liquidationLevels(
                    s, base: crossBase(excluding: s), longQuantity: legs[s * 2].quantity, longCost: legs[s * 2].cost,
                    shortQuantity: legs[s * 2 + 1].quantity, shortCost: legs[s * 2 + 1].cost)
                if levels.down != .min {
                    liquidation = Price(raw: levels.down)
                } else if levels.up != .max && levels.up > 0 {
                    liquidation = Price(raw: levels.up)
                }
            }
        }
        return PositionSnapshot(
            symbol: symbol, positionSide: side, quantity: Quantity(raw: l.quantity), entryPrice: Price(raw: entry),
            costBasis: Money(raw: l.cost), unrealizedPnL: Money(raw: unrealized(leg, at: markOrLast(s))),
            realizedPnL: Money(raw: l.realized), leverage: leverages[s], marginMode: isolated[s] ? .isolated : .cross,
            isolatedWallet: Money(raw: l.isolatedWallet), liquidationPrice: liquidation)
    }

    /// Cross wallet + other cross symbols' unrealized PnL − their maintenance, at current marks.
    func crossBase(excluding s: Int) -> Int64 {
        var base = state.wallet - state.isolatedTotal
        for c in symbols.indices where c != s && !isolated[c] {
            let mark = markOrLast(c)
            for leg in (c * 2)...(c * 2 + 1) where legs[leg].quantity > 0 {
                base += unrealized(leg, at: mark) - maintenance(leg, at: mark)
            }
        }
        return base
    }

    /// The account at the current mark prices (see `AccountSnapshot`).
    public var account: AccountSnapshot {
        var unrealizedSum: Int64 = 0
        var crossUnrealizedSum: Int64 = 0
        var positionInitial: Int64 = 0
        var crossInitial: Int64 = 0
        var maintenanceSum: Int64 = 0
        for s in symbols.indices {
            let mark = markOrLast(s)
            for leg in (s * 2)...(s * 2 + 1) where legs[leg].quantity > 0 {
                let u = unrealized(leg, at: mark)
                let im = initialMargin(leg, at: mark)
                unrealizedSum += u
                positionInitial += im
                maintenanceSum += maintenance(leg, at: mark)
                if !isolated[s] {
                    crossUnrealizedSum += u
                    crossInitial += im
                }
            }
        }
        let crossWallet = state.wallet - state.isolatedTotal
        return AccountSnapshot(
            walletBalance: Money(raw: state.wallet), crossWalletBalance: Money(raw: crossWallet),
            isolatedWalletBalance: Money(raw: state.isolatedTotal), unrealizedPnL: Money(raw: unrealizedSum),
            crossUnrealizedPnL: Money(raw: crossUnrealizedSum), positionInitialMargin: Money(raw: positionInitial),
            openOrderInitialMargin: Money(raw: state.openOrderMargin), maintenanceMargin: Money(raw: maintenanceSum),
            marginBalance: Money(raw: state.wallet + unrealizedSum),
            availableBalance: Money(raw: crossWallet + crossUnrealizedSum - crossInitial - state.openOrderMargin),
            realizedPnL: Money(raw: state.realizedTotal), commissions: Money(raw: state.commissionTotal),
            funding: Money(raw: state.fundingTotal), liquidationFees: Money(raw: state.liquidationFeeTotal))
    }

    /// The working order with `orderID` as an update payload (execution type NEW), nil when it
    /// does not exist or is no longer working.
    public func openOrder(_ orderID: OrderID) -> OrderUpdate? {
        guard orderID >= 1, orderID <= state.orders.count, state.orders[Int(orderID - 1)].stage != .done else {
            return nil
        }
        return orderUpdate(Int(orderID - 1), .new)
    }

    /// The ids of the working orders, in id order.
    public var openOrderIDs: [OrderID] {
        state.orders.filter { $0.stage != .done }.map(\.id)
    }

    /// Reserves room for `count` more orders (no reallocation while a run places them).
    public func reserveOrders(_ count: Int) {
        guard count > 0 else { return }
        state.orders.reserveCapacity(state.orders.count + count)
        state.clientOrderIDs.reserveCapacity(state.orders.count + count)
        state.rejectMessages.reserveCapacity(state.orders.count + count)
    }

    /// The number of orders the exchange accepted (its own liquidation orders included); their
    /// ids are 1 … `orderCount`.
    public var orderCount: Int { state.orders.count }

    /// The order at `index` (id − 1) as of its latest report: the update last emitted for it
    /// (execution type, time and any trigger-time rejection message as reported), with the time
    /// of its first report.
    public func orderHistory(at index: Int) -> OrderHistoryEntry {
        var entry = OrderHistoryEntry(
            update: orderUpdate(index, state.orders[index].lastExecution),
            createTime: Timestamp(milliseconds: state.orders[index].createTime))
        entry.update.time = Timestamp(milliseconds: state.orders[index].updateTime)
        entry.update.rejectMessage = state.rejectMessages[index]
        return entry
    }

    /// The status of any order ever accepted (nil for an unknown id).
    public func orderStatus(_ orderID: OrderID) -> OrderStatus? {
        guard orderID >= 1, orderID <= state.orders.count else { return nil }
        return state.orders[Int(orderID - 1)].status
    }
}
