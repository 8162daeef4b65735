public import Market

// Order placement: validation in Binance's order (binance-usdm §10.1), acceptance, immediate
// fills of marketable orders, and cancellation.
extension SimulatedExchange {
    /// Places an order. Validation runs in this order, the first failure answers:
    /// -1121 unknown symbol; -4061 positionSide missing or BOTH; -4138 closePosition with
    /// reduceOnly; -1106 reduceOnly sent (hedge mode); -1116 LIQUIDATION type; -1102 a mandatory
    /// parameter missing; closePosition misuse (-1106 on a type other than STOP_MARKET /
    /// TAKE_PROFIT_MARKET, -4137 with a quantity, -2022 on an opening pair); -1106 a parameter
    /// the type does not take; -1115 GTE_GTC on a non-conditional type; -1102 callbackRate
    /// outside 0.1 … 10; -1111 precision; -4014 / -4023 grid; ranges (-4001 / -4013 / -4002,
    /// -4006 / -4007, -4135, -4003 / -4004 / -4005); -4016 / -4024 percent price (LIMIT vs
    /// mark); -4164 min notional; -2021 would trigger immediately; -2022 nothing to close;
    /// -2027 leverage cap; -2019 margin (LIMIT and MARKET; conditional orders are checked when
    /// they trigger); -5022 post-only would take; -5021 FOK not fillable; -4045 conditional
    /// order slots.
    public func place(_ request: OrderRequest) -> Result<OrderAck, ExchangeRejection> {
        let result = placeOrder(request)
        flushEvents()
        return result
    }

    /// Cancels a working order (-2011 when it is not working, -1121 for an unknown symbol).
    public func cancel(symbol: Symbol, orderID: OrderID) -> Result<OrderUpdate, ExchangeRejection> {
        guard let s = lookup(symbol) else { return .failure(BinanceError.invalidSymbol) }
        guard orderID >= 1, orderID <= state.orders.count else { return .failure(BinanceError.unknownOrder) }
        let index = Int(orderID - 1)
        guard state.orders[index].symbol == s, state.orders[index].stage != .done else {
            return .failure(BinanceError.unknownOrder)
        }
        terminate(index, .canceled)
        let update = orderUpdate(index, .canceled)
        flushEvents()
        return .success(update)
    }

    func placeOrder(_ r: OrderRequest) -> Result<OrderAck, ExchangeRejection> {
        guard let s = lookup(r.symbol) else { return .failure(BinanceError.invalidSymbol) }
        if let rejection = validate(r, s) { return .failure(rejection) }
        let positionSide = r.positionSide!
        let closing = r.isCloseSide
        let index = state.orders.count
        let quantity = r.quantity?.raw ?? 0
        let timeInForce = r.timeInForce ?? .gtc
        let reference = r.workingType == .markPrice ? markOrLast(s) : hot[s].lastPrice
        var o = SimulatedOrder(
            id: OrderID(index + 1), symbol: s, side: r.side, positionSide: positionSide, type: r.type,
            originalType: r.type, timeInForce: timeInForce, workingType: r.workingType,
            closePosition: r.closePosition, priceProtect: r.priceProtect, quantity: quantity,
            price: r.price?.raw ?? 0, stopPrice: r.stopPrice?.raw ?? 0, activationPrice: r.activationPrice?.raw ?? 0,
            callbackRate: r.callbackRate?.raw ?? 0, ocoGroup: r.ocoGroup, referencePrice: r.referencePrice?.raw)
        o.createTime = state.now
        o.updateTime = state.now
        if r.type == .trailingStopMarket {
            o.watermark = reference
            o.activated = o.activationPrice == 0
        }
        state.orders.append(o)
        state.clientOrderIDs.append(r.clientOrderID)
        state.rejectMessages.append(nil)
        state.legOrders[legIndex(s, positionSide)].append(Int32(index))
        if let group = r.ocoGroup { state.ocoGroups.append(OcoMember(group: group, order: Int32(index))) }
        if r.type.isConditional {
            state.conditionalCount += 1
            state.conditionalPerSymbol[s] += 1
        }
        emitOrder(index, .new)

        let activeFrom = latency > 0 ? state.now + latency : state.now + 1
        switch r.type {
        case .market:
            if !closing {
                let price = assumedMarketPrice(s, side: r.side)
                reserveMargin(index, cost: openingCost(s, side: r.side, quantity: quantity, price: price))
            }
            let last = hot[s].lastBar
            if configuration.fillReference != .nextOpen && last >= 0 {
                let b = bars[s]
                let low = b.low[last]
                let high = b.high[last]
                let base: Int64
                if configuration.fillReference == .barClose {
                    base = b.close[last]
                } else {
                    base = min(max(r.referencePrice?.raw ?? b.close[last], low), high)
                }
                state.orders[index].stage = .triggering
                let price = slipped(base, side: r.side, s, low: low, high: high)
                fill(index, quantity: quantity, price: price, maker: false, point: .none, ambiguous: false)
            } else {
                schedule(index, activeFrom: state.now + latency)
            }
        case .limit:
            if isMarketable(s, side: r.side, price: o.price) {
                state.orders[index].stage = .triggering
                fill(index, quantity: quantity, price: hot[s].lastPrice, maker: false, point: .none, ambiguous: false)
            } else if timeInForce == .ioc {
                terminate(index, .expired, reason: .iocRemainder)
            } else {
                if !closing {
                    reserveMargin(index, cost: openingCost(s, side: r.side, quantity: quantity, price: o.price))
                }
                schedule(index, activeFrom: activeFrom)
            }
        default:
            schedule(index, activeFrom: activeFrom)
        }
        return .success(
            OrderAck(
                orderID: OrderID(index + 1), clientOrderID: r.clientOrderID, status: state.orders[index].status,
                time: Timestamp(milliseconds: state.now)))
    }

    /// True when a LIMIT at `price` would take liquidity now: a BUY above the last price (at or
    /// above it with `limitFillOnTouch`), a SELL below it.
    func isMarketable(_ s: Int, side: Side, price: Int64) -> Bool {
        let last = hot[s].lastPrice
        guard last != 0 else { return false }
        if configuration.limitFillOnTouch { return side == .buy ? price >= last : price <= last }
        return side == .buy ? price > last : price < last
    }

    /// The -2027 and -2019 checks of an opening order of `quantity` at `price`, and the
    /// simulator's ceiling: an order that would take the account's open notional above
    /// `notionalCeiling` is refused with -2027 as a bracket cap would refuse it.
    func openingRejection(
        _ s: Int, side: Side, positionSide: PositionSide, quantity: Int64, price: Int64, referencePrice: Int64
    ) -> ExchangeRejection? {
        let leg = legIndex(s, positionSide)
        if referencePrice > 0, let cap = tiers[s].maxNotional(atLeverage: leverages[s]),
            notionalForComparison(legs[leg].quantity.addingReportingOverflow(quantity), referencePrice) > cap
        {
            return BinanceError.maxLeverageRatio
        }
        if exceedsNotionalCeiling(s, adding: quantity, at: max(price, referencePrice)) {
            return BinanceError.maxLeverageRatio
        }
        if price > 0 && openingCostForComparison(s, side: side, quantity: quantity, price: price) > availableRaw() {
            return BinanceError.marginInsufficient
        }
        return nil
    }

    /// The largest open notional the simulated account may hold, over all legs at their marks
    /// plus an opening order: 10¹⁰ USDT, far above any Binance bracket cap (the largest is about
    /// 10⁹) and far enough below the fixed-point range (9.2 × 10¹⁰) that price moves, sums of
    /// legs and PnL cannot overflow.
    public static let notionalCeiling: Int64 = 10_000_000_000 * fixedPointOne

    /// True when `quantity` more at `price` on symbol `s` takes the open notional of every leg
    /// (each at its mark) above `notionalCeiling`.
    func exceedsNotionalCeiling(_ s: Int, adding quantity: Int64, at price: Int64) -> Bool {
        var total = notionalForComparison(quantity, max(price, markOrLast(s)))
        guard total <= Self.notionalCeiling else { return true }
        for leg in 0..<(symbolCount * 2) where legs[leg].quantity > 0 {
            total += notionalForComparison(legs[leg].quantity, markOrLast(leg >> 1))
            if total > Self.notionalCeiling { return true }
        }
        return false
    }

    /// `quantity × price` for comparisons against limits: `Int64.max` where it would overflow
    /// (such a notional is above every limit).
    @inline(__always) func notionalForComparison(_ quantity: Int64, _ price: Int64) -> Int64 {
        FixedPointMath.mulScaledReportingOverflow(quantity, price, .nearest) ?? .max
    }

    /// `notionalForComparison` of a sum of quantities that may itself have overflowed.
    @inline(__always) func notionalForComparison(
        _ quantity: (partialValue: Int64, overflow: Bool), _ price: Int64
    ) -> Int64 {
        quantity.overflow ? .max : notionalForComparison(quantity.partialValue, price)
    }

    /// `openingCost` for the margin check: `Int64.max` where a part of it would overflow.
    func openingCostForComparison(_ s: Int, side: Side, quantity: Int64, price: Int64) -> Int64 {
        let value = notionalForComparison(quantity, price)
        guard value < .max else { return .max }
        let initial = FixedPointMath.mulDiv(value, 1, Int64(leverages[s]), .up)
        let mark = markOrLast(s)
        let gap = mark == 0 ? 0 : (side == .buy ? price - mark : mark - price)
        guard gap > 0 else { return initial }
        let loss = notionalForComparison(quantity, gap)
        let (sum, overflow) = initial.addingReportingOverflow(loss)
        return overflow || loss == .max ? .max : sum
    }

    /// True when `value − origin` is a multiple of `step` (> 0), computed on remainders so that
    /// no difference of two extreme values overflows.
    @inline(__always) static func onGrid(_ value: Int64, from origin: Int64, step: Int64) -> Bool {
        (value % step - origin % step) % step == 0
    }

    /// `a × b > c × d` for non-negative values, exactly.
    @inline(__always) func productExceeds(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Bool {
        let lhs = a.multipliedFullWidth(by: b)
        let rhs = c.multipliedFullWidth(by: d)
        return lhs.high != rhs.high ? lhs.high > rhs.high : lhs.low > rhs.low
    }

    /// The first rule `r` breaks on symbol `s`, nil when it is acceptable.
    func validate(_ r: OrderRequest, _ s: Int) -> ExchangeRejection? {
        guard let positionSide = r.positionSide, positionSide != .both else { return BinanceError.positionSideMismatch }
        if r.closePosition && r.reduceOnly != nil { return BinanceError.reduceOnlyWithClosePosition }
        if r.reduceOnly != nil { return BinanceError.parameterNotRequired("reduceOnly") }
        let type = r.type
        if type == .liquidation { return BinanceError.invalidOrderType }

        // Mandatory parameters.
        let quantityOptional = r.closePosition && (type == .stopMarket || type == .takeProfitMarket)
        switch type {
        case .limit:
            if r.timeInForce == nil { return BinanceError.mandatoryParameter("timeInForce") }
            if r.quantity == nil { return BinanceError.mandatoryParameter("quantity") }
            if r.price == nil { return BinanceError.mandatoryParameter("price") }
        case .market:
            if r.quantity == nil && !r.closePosition { return BinanceError.mandatoryParameter("quantity") }
        case .stop, .takeProfit:
            if r.quantity == nil { return BinanceError.mandatoryParameter("quantity") }
            if r.price == nil { return BinanceError.mandatoryParameter("price") }
            if r.stopPrice == nil { return BinanceError.mandatoryParameter("stopPrice") }
        case .stopMarket, .takeProfitMarket:
            if r.stopPrice == nil { return BinanceError.mandatoryParameter("stopPrice") }
            if r.quantity == nil && !quantityOptional { return BinanceError.mandatoryParameter("quantity") }
        case .trailingStopMarket:
            if r.callbackRate == nil { return BinanceError.mandatoryParameter("callbackRate") }
            if r.quantity == nil { return BinanceError.mandatoryParameter("quantity") }
        case .liquidation:
            return BinanceError.invalidOrderType
        }

        // closePosition misuse.
        if r.closePosition {
            guard type == .stopMarket || type == .takeProfitMarket else {
                return BinanceError.parameterNotRequired("closePosition")
            }
            if r.quantity != nil { return BinanceError.quantityWithClosePosition }
            if !r.isCloseSide { return BinanceError.reduceOnlyRejected }
        }

        // Parameters the type does not take.
        let takesPrice = type == .limit || type == .stop || type == .takeProfit
        let takesStop = type == .stop || type == .takeProfit || type == .stopMarket || type == .takeProfitMarket
        if r.price != nil && !takesPrice { return BinanceError.parameterNotRequired("price") }
        if r.stopPrice != nil && !takesStop { return BinanceError.parameterNotRequired("stopPrice") }
        if type != .trailingStopMarket {
            if r.callbackRate != nil { return BinanceError.parameterNotRequired("callbackRate") }
            if r.activationPrice != nil { return BinanceError.parameterNotRequired("activationPrice") }
        }
        if r.timeInForce == .gteGtc && !type.isConditional { return BinanceError.invalidTimeInForce }
        if let rate = r.callbackRate, rate.raw < 10_000_000 || rate.raw > 10 * fixedPointOne {
            return BinanceError.mandatoryParameter("callbackRate")
        }

        let rule = filters[s]
        // Precision, then grid, then ranges (the three prices in this order, without an array).
        @inline(__always) func precise(_ price: Price?) -> Bool {
            guard let p = price else { return true }
            return p.significantDecimals <= rule.pricePrecision
        }
        if !precise(r.price) || !precise(r.stopPrice) || !precise(r.activationPrice) {
            return BinanceError.badPrecision
        }
        if let q = r.quantity, q.significantDecimals > rule.quantityPrecision { return BinanceError.badPrecision }
        let tick = rule.tickSize
        @inline(__always) func onTick(_ price: Price?) -> Bool {
            guard let p = price, tick > 0 else { return true }
            return Self.onGrid(p.raw, from: rule.minPrice, step: tick)
        }
        if !onTick(r.price) || !onTick(r.stopPrice) || !onTick(r.activationPrice) {
            return BinanceError.priceNotOnTick
        }
        let isMarket = type == .market
        let step = isMarket ? rule.marketStepSize : rule.stepSize
        let minQuantity = isMarket ? rule.marketMinQuantity : rule.minQuantity
        let maxQuantity = isMarket ? rule.marketMaxQuantity : rule.maxQuantity
        if let q = r.quantity, step > 0, !Self.onGrid(q.raw, from: minQuantity, step: step) {
            return BinanceError.quantityNotOnStep
        }
        if let p = r.price {
            if p.raw <= 0 { return BinanceError.priceLessThanZero }
            if rule.minPrice > 0 && p.raw < rule.minPrice { return BinanceError.priceLessThanMin }
            if rule.maxPrice > 0 && p.raw > rule.maxPrice { return BinanceError.priceGreaterThanMax }
        }
        if let p = r.stopPrice {
            if p.raw <= 0 { return BinanceError.stopPriceLessThanZero }
            if rule.maxPrice > 0 && p.raw > rule.maxPrice { return BinanceError.stopPriceGreaterThanMax }
            if rule.minPrice > 0 && p.raw < rule.minPrice { return BinanceError.priceLessThanMin }
        }
        if let p = r.activationPrice, p.raw <= 0 { return BinanceError.invalidActivationPrice }
        if let q = r.quantity {
            if q.raw <= 0 { return BinanceError.quantityLessThanZero }
            if q.raw < minQuantity { return BinanceError.quantityLessThanMin }
            if maxQuantity > 0 && q.raw > maxQuantity { return BinanceError.quantityGreaterThanMax }
        }

        // Percent price against the mark (LIMIT orders).
        let mark = markOrLast(s)
        if type == .limit, let p = r.price, mark > 0 {
            if r.side == .buy && rule.multiplierUp > 0
                && productExceeds(p.raw, fixedPointOne, mark, rule.multiplierUp)
            {
                return BinanceError.priceAboveMultiplierUp
            }
            if r.side == .sell && rule.multiplierDown > 0
                && productExceeds(mark, rule.multiplierDown, p.raw, fixedPointOne)
            {
                return BinanceError.priceBelowMultiplierDown
            }
        }

        // Minimum notional (close-side orders exempt when configured; closePosition always).
        let closing = r.isCloseSide
        let last = hot[s].lastPrice
        let referencePrice: Int64
        switch type {
        case .limit, .stop, .takeProfit: referencePrice = r.price?.raw ?? 0
        case .stopMarket, .takeProfitMarket: referencePrice = r.stopPrice?.raw ?? 0
        case .trailingStopMarket: referencePrice = r.activationPrice?.raw ?? last
        default: referencePrice = mark
        }
        let exempt = r.closePosition || (closing && configuration.exemptCloseSideFromMinNotional)
        if !exempt, rule.minNotional > 0, referencePrice > 0, let q = r.quantity,
            notionalForComparison(q.raw, referencePrice) < rule.minNotional
        {
            return BinanceError.minNotional(rules[s].minNotional)
        }

        // A conditional order whose trigger condition already holds (equality counts).
        if type.isConditional {
            let current = r.workingType == .markPrice ? mark : last
            if current > 0 {
                let buy = r.side == .buy
                switch type {
                case .stop, .stopMarket:
                    let stop = r.stopPrice!.raw
                    if buy ? current >= stop : current <= stop { return BinanceError.wouldImmediatelyTrigger }
                case .takeProfit, .takeProfitMarket:
                    let stop = r.stopPrice!.raw
                    if buy ? current <= stop : current >= stop { return BinanceError.wouldImmediatelyTrigger }
                default:
                    if let activation = r.activationPrice?.raw,
                        buy ? activation >= current : activation <= current
                    {
                        return BinanceError.wouldImmediatelyTrigger
                    }
                }
            }
        }

        // Nothing to close.
        let leg = legIndex(s, positionSide)
        if closing && legs[leg].quantity == 0 { return BinanceError.reduceOnlyRejected }

        // Leverage cap and margin of opening orders.
        if !closing, let q = r.quantity {
            let marginPrice: Int64
            switch type {
            case .market: marginPrice = last > 0 ? assumedMarketPrice(s, side: r.side) : 0
            case .limit: marginPrice = r.price!.raw
            default: marginPrice = 0  // conditional: margin is checked when it triggers
            }
            let capPrice = type == .market ? last : referencePrice
            if let rejection = openingRejection(
                s, side: r.side, positionSide: positionSide, quantity: q.raw, price: marginPrice,
                referencePrice: capPrice)
            {
                return rejection
            }
        }

        // Time-in-force outcomes decided at submission.
        if type == .limit, let p = r.price {
            let marketable = isMarketable(s, side: r.side, price: p.raw)
            if r.timeInForce == .gtx && marketable { return BinanceError.postOnlyRejected }
            if r.timeInForce == .fok && !marketable { return BinanceError.fokRejected }
        }
        if type.isConditional && state.conditionalCount >= configuration.maxConditionalOrders {
            return BinanceError.maxStopOrders
        }
        return nil
    }
}
