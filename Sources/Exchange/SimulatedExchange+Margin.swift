import Market

// Margin, available balance and liquidation prices (binance-usdm §5). All values raw Money /
// Price / Quantity at 10⁻⁸.
extension SimulatedExchange {
    /// `quantity × price`, rounded to the nearest 10⁻⁸.
    @inline(__always) func notional(_ quantity: Int64, _ price: Int64) -> Int64 {
        FastMath.mulScaled(quantity, price, .nearest)
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
        return FastMath.mulDiv(notional(l.quantity, mark), 1, Int64(leverages[leg >> 1]), .up)
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
        return wallet - isolatedTotal + crossUnrealizedSum - crossInitial - openOrderMargin
    }

    /// The cost of an opening order (FAQ "cost to open"): `notional / leverage + open loss`,
    /// open loss = `q × max(0, price − mark)` for a BUY, `q × max(0, mark − price)` for a SELL.
    func openingCost(_ s: Int, side: Side, quantity: Int64, price: Int64) -> Int64 {
        let initial = FastMath.mulDiv(notional(quantity, price), 1, Int64(leverages[s]), .up)
        let mark = markOrLast(s)
        let gap = mark == 0 ? 0 : (side == .buy ? price - mark : mark - price)
        return initial + (gap > 0 ? notional(quantity, gap) : 0)
    }

    /// The price a MARKET order's margin is checked at: last × (1 ± 0.05 %) against the taker.
    func assumedMarketPrice(_ s: Int, side: Side) -> Int64 {
        let last = hot[s].lastPrice
        let buffer: Int64 = side == .buy ? fixedPointOne + 50_000 : fixedPointOne - 50_000
        return FastMath.mulScaled(last, buffer, side == .buy ? .up : .down)
    }

    /// Re-books the symbol's cross contributions (unrealized PnL and maintenance at its mark).
    @inline(__always) func refreshCross(_ s: Int) {
        guard !isolated[s] else { return }
        let mark = markOrLast(s)
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
        crossUnrealizedTotal += u - crossUnrealized[s]
        crossMaintenanceTotal += mm - crossMaintenance[s]
        crossUnrealized[s] = u
        crossMaintenance[s] = mm
        if open != hot[s].crossOpen {
            crossOpenSymbols += open ? 1 : -1
            hot[s].crossOpen = open
        }
    }

    /// Cross margin balance minus cross maintenance at the current marks.
    var crossHeadroom: Int64 { wallet - isolatedTotal + crossUnrealizedTotal - crossMaintenanceTotal }

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
            guess = q > 0 ? FastMath.mulDiv(costL + costS, fixedPointOne, q, .nearest) : 0
        }
        var tierL = symbolTiers.tier(forNotional: notional(qL, guess))
        var tierS = symbolTiers.tier(forNotional: notional(qS, guess))
        var result: (down: Int64, up: Int64) = (.min, .max)
        for _ in 0..<8 {
            let numerator = base + (qL > 0 ? tierL.cum : 0) + (qS > 0 ? tierS.cum : 0) - costL + costS
            let denominator =
                FastMath.mulScaled(qL, tierL.maintMarginRatio - fixedPointOne, .nearest)
                + FastMath.mulScaled(qS, tierS.maintMarginRatio + fixedPointOne, .nearest)
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
        let long = legs[s * 2]
        let short = legs[s * 2 + 1]
        guard long.quantity > 0 || short.quantity > 0 else { return (.min, .max) }
        let base =
            wallet - isolatedTotal + (crossUnrealizedTotal - crossUnrealized[s])
            - (crossMaintenanceTotal - crossMaintenance[s])
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
        let mark = markOrLast(s)
        let move = max(markHigh - mark, mark - markLow)
        let size = legs[s * 2].quantity + legs[s * 2 + 1].quantity
        let bound = FastMath.mulScaled(size, max(move, 0), .up) * 2
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
