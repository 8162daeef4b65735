import Market

// Fills and their accounting: average-cost legs with an exact cost basis, pre-fee realized PnL,
// per-fill commissions, isolated wallets, and the order-state transitions a fill causes.
extension SimulatedExchange {
    /// The open time of the bar a fill belongs to: the bar being walked, else the symbol's last
    /// processed bar, else the current time.
    func fillBarTime(_ s: Int) -> Int64 {
        if state.walking && state.walkSymbol == s { return state.walkBarTime }
        let last = hot[s].lastBar
        return last >= 0 ? bars[s].openTime[last] : state.now
    }

    /// Adds `quantity` worth `quote` to a leg; isolated legs move `quote / leverage` (rounded up)
    /// from the cross wallet into the leg's isolated wallet.
    func openLeg(_ leg: Int, quantity: Int64, quote: Int64) {
        if legs[leg].quantity == 0 { legs[leg].openedAt = state.now }
        legs[leg].quantity += quantity
        legs[leg].cost += quote
        let s = leg >> 1
        if isolated[s] {
            let margin = FixedPointMath.mulDiv(quote, 1, Int64(leverages[s]), .up)
            legs[leg].isolatedWallet += margin
            state.isolatedTotal += margin
        }
    }

    /// Removes `quantity` from a leg at fill notional `quote` and returns the pre-fee realized
    /// PnL: `quote − removed cost` for a LONG, `removed cost − quote` for a SHORT, where the
    /// removed cost is `cost − round(cost × remaining / quantity)`. An isolated leg releases the
    /// same share of its wallet to the cross wallet (all of it when the leg closes).
    func closeLeg(_ leg: Int, quantity: Int64, quote: Int64) -> Int64 {
        let l = legs[leg]
        let remaining = l.quantity - quantity
        let remainingCost = remaining == 0 ? 0 : FixedPointMath.mulDiv(l.cost, remaining, l.quantity, .nearest)
        let removed = l.cost - remainingCost
        let realized = leg & 1 == 0 ? quote - removed : removed - quote
        if l.isolatedWallet != 0 {
            let release =
                remaining == 0
                ? l.isolatedWallet : FixedPointMath.mulDiv(l.isolatedWallet, quantity, l.quantity, .nearest)
            legs[leg].isolatedWallet -= release
            state.isolatedTotal -= release
        }
        legs[leg].quantity = remaining
        legs[leg].cost = remainingCost
        legs[leg].realized += realized
        return realized
    }

    /// Fills order `index` for `requested` (its full remaining quantity; close-side orders are
    /// clipped to the leg, and the unfilled rest expires with reason 4) at `price`, then settles
    /// the consequences: OCO siblings canceled, liquidation levels re-derived, and orders of a
    /// leg that went flat expired.
    func fill(_ index: Int, quantity requested: Int64, price: Int64, maker: Bool, point: PathPoint, ambiguous: Bool) {
        let s = state.orders[index].symbol
        let leg = legIndex(s, state.orders[index].positionSide)
        let closing = state.orders[index].side == state.orders[index].positionSide.closingSide
        let quantity = closing ? min(requested, legs[leg].quantity) : requested
        guard quantity > 0 else {
            terminate(index, .expired, reason: .reduceOnlyKnockout)
            cancelGroupSiblings(of: index)
            return
        }
        let clipped = quantity < requested
        let quote = notional(quantity, price)
        let commission = FixedPointMath.mulScaled(quote, maker ? makerRate : takerRate, .nearest)
        let realized = closing ? closeLeg(leg, quantity: quantity, quote: quote) : 0
        if !closing { openLeg(leg, quantity: quantity, quote: quote) }
        state.wallet += realized - commission
        invalidateCrossBands()
        state.realizedTotal += realized
        state.commissionTotal += commission
        state.orders[index].executed += quantity
        state.orders[index].cumulativeQuote += quote
        let tradeID = state.nextTradeID
        state.nextTradeID += 1
        if clipped {
            state.orders[index].status = .partiallyFilled
        } else {
            finish(index, status: .filled)
        }
        if state.onEvent != nil {
            let filled = state.orders[index]
            emit(
                .fill(
                    Fill(
                        tradeID: tradeID, orderID: filled.id, clientOrderID: state.clientOrderIDs[index],
                        symbol: symbols[s],
                        side: filled.side, positionSide: filled.positionSide, orderType: filled.originalType,
                        price: Price(raw: price), quantity: Quantity(raw: quantity), quoteQuantity: Money(raw: quote),
                        commission: Money(raw: commission), commissionAsset: commissionAsset,
                        realizedPnL: Money(raw: realized), isMaker: maker, isLiquidation: false, liquidationFee: .zero,
                        time: Timestamp(milliseconds: state.now), barTime: Timestamp(milliseconds: fillBarTime(s)),
                        pathPoint: point, ambiguous: ambiguous, cumulativeQuantity: Quantity(raw: filled.executed),
                        orderStatus: filled.status)))
            emitOrder(index, .trade)
        }
        if clipped { terminate(index, .expired, reason: .reduceOnlyKnockout) }
        cancelGroupSiblings(of: index)
        refreshLiquidation(s)
        if closing && legs[leg].quantity == 0 { legWentFlat(leg) }
        checkInvariants()
    }

    /// The accounting identities, checked after every mutating step in debug builds and tests:
    /// wallet = initial + Σ realized − Σ commissions + Σ funding − Σ liquidation fees; legs never
    /// negative; a flat leg carries no cost and no isolated wallet; Σ isolated wallets matches.
    func checkInvariants() {
        #if HEDGESIM_INVARIANT_CHECKS
        precondition(
            state.wallet == initialBalance + state.realizedTotal - state.commissionTotal + state.fundingTotal
                - state.liquidationFeeTotal,
            "wallet identity broken")
        var isolatedSum: Int64 = 0
        for k in 0..<(symbolCount * 2) {
            let l = legs[k]
            precondition(l.quantity >= 0, "negative leg")
            precondition(l.quantity > 0 || (l.cost == 0 && l.isolatedWallet == 0), "flat leg with cost")
            isolatedSum += l.isolatedWallet
        }
        precondition(isolatedSum == state.isolatedTotal, "isolated total broken")
        #endif
    }
}
