public import Market

// Funding settlements (binance-usdm §6).
extension SimulatedExchange {
    /// Step (1): settles every funding event due at or before `time`, all symbols, in
    /// (time, symbol) order. Per open leg: amount = mark × size × rate, rounded to 10⁻⁸, where
    /// mark is the open of the mark bar (the kline when no mark klines were given) at or after
    /// the settlement time; a LONG pays and a SHORT receives when the rate is positive, and the
    /// other way round when it is negative. A leg opened at or after the settlement time does not
    /// take part. Isolated legs book it in their isolated wallet too.
    public func settleFunding(through time: Timestamp) {
        let limit = time.milliseconds
        guard state.nextFundingTime <= limit, !state.walking else { return }
        while state.nextFundingTime <= limit {
            let due = state.nextFundingTime
            if due > state.now { state.now = due }
            for s in symbols.indices {
                let cursor = state.fundingCursor[s]
                guard cursor < funding[s].count, funding[s][cursor].time.milliseconds == due else { continue }
                settle(s, cursor, at: due)
                state.fundingCursor[s] = cursor + 1
            }
            recomputeNextFundingTime()
        }
        flushEvents()
    }

    func recomputeNextFundingTime() {
        var next = Int64.max
        for s in symbols.indices where state.fundingCursor[s] < funding[s].count {
            next = min(next, funding[s][state.fundingCursor[s]].time.milliseconds)
        }
        state.nextFundingTime = next
    }

    func settle(_ s: Int, _ k: Int, at due: Int64) {
        let rate = funding[s][k].rate.raw
        let mark = fundingMarks[s][k]
        guard rate != 0, mark > 0 else { return }
        for leg in (s * 2)...(s * 2 + 1) {
            let l = legs[leg]
            guard l.quantity > 0, l.openedAt < due else { continue }
            let magnitude = FixedPointMath.mulScaled(notional(l.quantity, mark), abs(rate), .nearest)
            let pays = (leg & 1 == 0) == (rate > 0)
            let amount = pays ? -magnitude : magnitude
            state.wallet += amount
            invalidateCrossBands()
            state.fundingTotal += amount
            if isolated[s] {
                legs[leg].isolatedWallet += amount
                state.isolatedTotal += amount
            }
            emit(
                .funding(
                    FundingPayment(
                        symbol: symbols[s], positionSide: leg & 1 == 0 ? .long : .short,
                        time: Timestamp(milliseconds: due), rate: Rate(raw: rate), markPrice: Price(raw: mark),
                        positionQuantity: Quantity(raw: l.quantity), amount: Money(raw: amount))))
        }
        if isolated[s] { refreshLiquidation(s) }
        checkInvariants()
    }
}
