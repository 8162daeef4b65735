import Market

// Margin, available balance and liquidation prices (binance-usdm §5). All values raw Money /
// Price / Quantity at 10⁻⁸.
extension SimulatedExchange {
    /// `quantity × price`, rounded to the nearest 10⁻⁸.
    @inline(__always) func notional(_ quantity: Int64, _ price: Int64) -> Int64 {
        FixedPointMath.mulScaled(quantity, price, .nearest)
    }

    @inline(__always) func markOrLast(_ s: Int) -> Int64 {
        hot[s].markPrice != 0 ? hot[s].markPrice : hot[s].lastPrice
    }

    /// Unrealized PnL of a leg at `mark`: LONG `q × mark − cost`, SHORT `cost − q × mark`.
    @inline(__always) func unrealized(_ leg: Int, at mark: Int64) -> Int64 {
        let l = legs[leg]
        guard l.quantity > 0 else { return 0 }
        let value = notional(l.quantity, mark)
        return leg & 1 == 0 ? value - l.cost : l.cost - value
    }

    /// Maintenance margin of a leg at `mark` (bracket of its mark notional).
    @inline(__always) func maintenance(_ leg: Int, at mark: Int64) -> Int64 {
        let l = legs[leg]
        guard l.quantity > 0 else { return 0 }
        return tiers[leg >> 1].maintenanceMargin(notional: notional(l.quantity, mark))
    }

    /// Initial margin of a leg at `mark`: mark notional / leverage, rounded up.
    func initialMargin(_ leg: Int, at mark: Int64) -> Int64 {
        let l = legs[leg]
        guard l.quantity > 0 else { return 0 }
        return FixedPointMath.mulDiv(notional(l.quantity, mark), 1, Int64(leverages[leg >> 1]), .up)
    }

    /// Binance `availableBalance`: cross wallet (wallet − Σ isolated wallets) + cross unrealized
    /// PnL − cross position initial margin − open-order initial margin.
    func availableRaw() -> Int64 {
        var crossUnrealizedSum: Int64 = 0
        var crossInitial: Int64 = 0
        for s in symbols.indices where !isolated[s] {
            let mark = markOrLast(s)
            for leg in (s * 2)...(s * 2 + 1) where legs[leg].quantity > 0 {
                crossUnrealizedSum += unrealized(leg, at: mark)
                crossInitial += initialMargin(leg, at: mark)
            }
        }
        return state.wallet - state.isolatedTotal + crossUnrealizedSum - crossInitial - state.openOrderMargin
    }

    /// The cost of an opening order (FAQ "cost to open"): `notional / leverage + open loss`,
    /// open loss = `q × max(0, price − mark)` for a BUY, `q × max(0, mark − price)` for a SELL.
    func openingCost(_ s: Int, side: Side, quantity: Int64, price: Int64) -> Int64 {
        let initial = FixedPointMath.mulDiv(notional(quantity, price), 1, Int64(leverages[s]), .up)
        let mark = markOrLast(s)
        let gap = mark == 0 ? 0 : (side == .buy ? price - mark : mark - price)
        return initial + (gap > 0 ? notional(quantity, gap) : 0)
    }

    /// The price a MARKET order's margin is checked at: last × (1 ± 0.05 %) against the taker.
    func assumedMarketPrice(_ s: Int, side: Side) -> Int64 {
        let last = hot[s].lastPrice
        let buffer: Int64 = side == .buy ? fixedPointOne + 50_000 : fixedPointOne - 50_000
        return FixedPointMath.mulScaled(last, buffer, side == .buy ? .up : .down)
    }

    /// Re-books the symbol's cross contributions (unrealized PnL and maintenance at its mark).
    @inline(__always) func refreshCross(_ s: Int) {
        guard !isolated[s] else { return }
        refreshCross(s, at: markOrLast(s))
    }

    /// Re-books the symbol's cross contributions at `mark` (supersedes a deferred re-booking).
    func refreshCross(_ s: Int, at mark: Int64) {
        if hot[s].crossPending {
            hot[s].crossPending = false
            state.crossPendingCount -= 1
        }
        hot[s].bookedMark = mark
        let long = legs[s &* 2]
        let short = legs[s &* 2 &+ 1]
        let open = long.quantity > 0 || short.quantity > 0
        var u: Int64 = 0
        var mm: Int64 = 0
        if long.quantity > 0 {
            let value = notional(long.quantity, mark)
            u += value - long.cost
            mm += tiers[s].maintenanceMargin(notional: value)
        }
        if short.quantity > 0 {
            let value = notional(short.quantity, mark)
            u += short.cost - value
            mm += tiers[s].maintenanceMargin(notional: value)
        }
        state.crossUnrealizedTotal += u - hot[s].crossUnrealized
        state.crossMaintenanceTotal += mm - hot[s].crossMaintenance
        hot[s].crossUnrealized = u
        hot[s].crossMaintenance = mm
        if open != hot[s].crossOpen {
            state.crossOpenSymbols += open ? 1 : -1
            hot[s].crossOpen = open
        }
    }

    /// Cross margin balance minus cross maintenance at the booked marks (flush first).
    var crossHeadroom: Int64 {
        state.wallet - state.isolatedTotal + state.crossUnrealizedTotal - state.crossMaintenanceTotal
    }

    /// Books every deferred re-booking (`markToMarket` defers them while the marks stay inside
    /// the bands): the totals are then what booking at every close would have given. Readers of
    /// the cross totals call it first.
    @inline(__always) func flushCross() {
        guard state.crossPendingCount > 0 else { return }
        for c in 0..<symbolCount where hot[c].crossPending { refreshCross(c, at: hot[c].pendingMark) }
    }

    /// Forgets every band (after anything that moves the account's headroom: a fill, funding, a
    /// liquidation); the next bar of a cross symbol takes the exact path and recomputes them.
    func invalidateCrossBands() {
        for c in 0..<symbolCount {
            hot[c].bandLow = .max
            hot[c].bandHigh = .min
        }
    }

    /// Bands of marks, one per open cross symbol, inside which the account cannot reach
    /// maintenance. With every deferred re-booking flushed, let H be the headroom at the booked
    /// marks R, n the open cross symbols and B = H − 16n − 32. Symbol c gets R ± B / (6·n·q)
    /// (q its long plus short size), narrowed so that each leg's notional stays in its margin
    /// tier. A leg's unrealized PnL and its maintenance each move by at most q·|ΔM| plus
    /// rounding (the 16 per symbol), so while every booked and bar mark lies inside its band the
    /// headroom stays above 2B/3 + 32 > 0 (no liquidation at a close), and above twice a bar's
    /// largest mark move times the size (`prepareCrossLevels` would set no level either).
    func computeCrossBands() {
        invalidateCrossBands()
        let n = Int64(state.crossOpenSymbols)
        guard n > 0, state.crossBandsEnabled else { return }
        let budget = crossHeadroom - 16 * n - 32
        guard budget > 0 else { return }
        for c in 0..<symbolCount where hot[c].crossOpen && !isolated[c] {
            let size = legs[c &* 2].quantity + legs[c &* 2 &+ 1].quantity
            let reference = hot[c].bookedMark
            guard size > 0, size <= Int64.max / (6 * n), reference > 0 else { continue }
            let delta = FixedPointMath.mulDiv(budget, fixedPointOne, 6 * n * size, .down)
            var low = reference > delta ? reference - delta : 1
            var high = reference <= Int64.max - delta ? reference + delta : .max
            for leg in (c &* 2)...(c &* 2 &+ 1) where legs[leg].quantity > 0 {
                guard let range = tierPriceRange(c, quantity: legs[leg].quantity, at: reference) else {
                    low = .max
                    break
                }
                low = max(low, range.low)
                high = min(high, range.high)
            }
            if low <= high {
                hot[c].bandLow = low
                hot[c].bandHigh = high
            }
        }
    }

    /// The prices at which a leg of `quantity` keeps the margin tier its notional has at
    /// `price` (one price unit inside each edge); nil when that tier's maintenance rate exceeds
    /// 1 (the bands' bound would not hold).
    func tierPriceRange(_ s: Int, quantity: Int64, at price: Int64) -> (low: Int64, high: Int64)? {
        let list = tiers[s].tiers
        let value = notional(quantity, price)
        // As `MarginTiers.tier(forNotional:)`: the first tier whose cap exceeds the notional,
        // else the last.
        var k = list.count - 1
        var capped = false
        for i in list.indices where value < list[i].cap {
            k = i
            capped = true
            break
        }
        guard list[k].maintMarginRatio <= fixedPointOne else { return nil }
        // The notional must stay at or above the cap below it (the last cap when above all).
        let floorCap: Int64? = capped ? (k > 0 ? list[k - 1].cap : nil) : list[k].cap
        var low: Int64 = 1
        if let floorCap, floorCap > 0 {
            guard let edge = FixedPointMath.mulDivReportingOverflow(floorCap, fixedPointOne, quantity, .up),
                edge < Int64.max
            else { return nil }
            low = max(edge + 1, 1)
        }
        var high: Int64 = .max
        if capped, let edge = FixedPointMath.mulDivReportingOverflow(list[k].cap, fixedPointOne, quantity, .down) {
            high = edge - 1
        }
        return (low, high)
    }

    /// The liquidation levels of one symbol's legs given `base` = wallet part + other symbols'
    /// unrealized PnL − their maintenance (binance-usdm §5.5, hedge-mode form):
    ///
    ///     LP = (base + cumL + cumS − qL·eL + qS·eS) / (qL·MMR_L + qS·MMR_S − qL + qS)
    ///
    /// A negative denominator liquidates when the mark falls to LP (returned as `down`), a
    /// positive one when it rises to LP (`up`). MMR and cum come from the bracket of each leg's
    /// notional at LP (iterated from the brackets at the current mark). `down` is rounded up and
    /// `up` down, so the simulator never liquidates later than the exact price.
    func liquidationLevels(
        _ s: Int, base: Int64, longQuantity qL: Int64, longCost costL: Int64, shortQuantity qS: Int64,
        shortCost costS: Int64
    ) -> (down: Int64, up: Int64) {
        let symbolTiers = tiers[s]
        var guess = markOrLast(s)
        if guess == 0 {
            let q = qL + qS
            guess = q > 0 ? FixedPointMath.mulDiv(costL + costS, fixedPointOne, q, .nearest) : 0
        }
        var tierL = symbolTiers.tier(forNotional: notional(qL, guess))
        var tierS = symbolTiers.tier(forNotional: notional(qS, guess))
        var result: (down: Int64, up: Int64) = (.min, .max)
        for _ in 0..<8 {
            let numerator = base + (qL > 0 ? tierL.cum : 0) + (qS > 0 ? tierS.cum : 0) - costL + costS
            let denominator =
                FixedPointMath.mulScaled(qL, tierL.maintMarginRatio - fixedPointOne, .nearest)
                + FixedPointMath.mulScaled(qS, tierS.maintMarginRatio + fixedPointOne, .nearest)
            if denominator == 0 { return (.min, .max) }
            guard
                let price = FixedPointMath.mulDivReportingOverflow(
                    numerator, fixedPointOne, denominator, denominator < 0 ? .up : .down)
            else {
                return (.min, .max)
            }
            if denominator < 0 {
                // Falls to LP; LP ≤ 0 can never be reached.
                result = price > 0 ? (price, .max) : (.min, .max)
            } else {
                // Rises to LP; LP ≤ 0 means already below maintenance at any price.
                result = (.min, max(price, 0))
            }
            guard price > 0 else { return result }
            let nextL = symbolTiers.tier(forNotional: notional(qL, price))
            let nextS = symbolTiers.tier(forNotional: notional(qS, price))
            if nextL.floor == tierL.floor && nextS.floor == tierS.floor { return result }
            tierL = nextL
            tierS = nextS
        }
        return result
    }

    /// Liquidation price of an isolated leg (0 when none).
    func isolatedLiquidationPrice(_ leg: Int) -> Int64 {
        let l = legs[leg]
        guard l.quantity > 0 else { return 0 }
        let s = leg >> 1
        if leg & 1 == 0 {
            let levels = liquidationLevels(
                s, base: l.isolatedWallet, longQuantity: l.quantity, longCost: l.cost, shortQuantity: 0, shortCost: 0)
            return levels.down == .min ? 0 : levels.down
        }
        let levels = liquidationLevels(
            s, base: l.isolatedWallet, longQuantity: 0, longCost: 0, shortQuantity: l.quantity, shortCost: l.cost)
        return levels.up == .max ? 0 : levels.up
    }

    /// The shared cross liquidation levels of a symbol, other symbols held at their marks.
    func crossLiquidationLevels(_ s: Int) -> (down: Int64, up: Int64) {
        flushCross()
        let long = legs[s * 2]
        let short = legs[s * 2 + 1]
        guard long.quantity > 0 || short.quantity > 0 else { return (.min, .max) }
        let base =
            state.wallet - state.isolatedTotal + (state.crossUnrealizedTotal - hot[s].crossUnrealized)
            - (state.crossMaintenanceTotal - hot[s].crossMaintenance)
        return liquidationLevels(
            s, base: base, longQuantity: long.quantity, longCost: long.cost, shortQuantity: short.quantity,
            shortCost: short.cost)
    }

    /// Re-derives the liquidation levels the bar walk compares against after the symbol's legs
    /// or wallets changed.
    func refreshLiquidation(_ s: Int) {
        if isolated[s] {
            let long = isolatedLiquidationPrice(s * 2)
            let short = isolatedLiquidationPrice(s * 2 + 1)
            legs[s * 2].liquidationPrice = long
            legs[s * 2 + 1].liquidationPrice = short
            hot[s].liquidationDown = long == 0 ? .min : long
            hot[s].liquidationUp = short == 0 ? .max : short
        } else {
            refreshCross(s)
            let levels = crossLiquidationLevels(s)
            hot[s].liquidationDown = levels.down
            hot[s].liquidationUp = levels.up
        }
    }

    /// Sets the cross levels for a bar: none when the account's headroom exceeds twice the
    /// symbol's size times the bar's largest mark move (no price in the bar can reach
    /// maintenance), the exact levels otherwise.
    @inline(__always) func prepareCrossLevels(_ s: Int, markLow: Int64, markHigh: Int64) {
        if markLow >= hot[s].bandLow && markHigh <= hot[s].bandHigh {
            // Inside the bands the exact test below would pass (see `computeCrossBands`).
            hot[s].liquidationDown = .min
            hot[s].liquidationUp = .max
            return
        }
        flushCross()
        defer { computeCrossBands() }
        let mark = markOrLast(s)
        let move = max(markHigh - mark, mark - markLow)
        let size = legs[s * 2].quantity + legs[s * 2 + 1].quantity
        let bound = FixedPointMath.mulScaled(size, max(move, 0), .up) * 2
        if crossHeadroom > bound {
            hot[s].liquidationDown = .min
            hot[s].liquidationUp = .max
        } else {
            let levels = crossLiquidationLevels(s)
            hot[s].liquidationDown = levels.down
            hot[s].liquidationUp = levels.up
        }
    }
}
