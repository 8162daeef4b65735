public import Market

/// The `live_compat` protection model: the live engine's one closePosition OCO pair per
/// (symbol, side), its guards, its owner-only attribution and the reconciler (§4.7, §4.8,
/// §6.6–6.10).
extension Dispatcher {
    /// `_place_risk_management_orders` (§6.6) after an entry fill.
    func protectLive(_ index: Int, entryFill: Fill) {
        let p = state.strategyBook.positions[index]
        guard let rules = exchange.rules(for: p.symbol) else { return }
        let key = PositionKey(p.symbol, p.side)
        let time = entryFill.time
        func note(_ text: String) {
            state.strategyBook.update(index) {
                $0.protectionNote = [$0.protectionNote, text].compactMap { $0 }.joined(separator: "; ")
            }
        }
        // (2) Check-before-place (#460) is symbol-wide in the code, but it reads the user-data
        // store, which does not list closePosition algo orders, and every order of this model is
        // one: it never fires. What keeps a second entry on the same (symbol, side) unprotected
        // is the OCO manager's in-memory `duplicate_oco` check below; an entry on the other side
        // gets its own pair.
        guard let live = exchange.lastPrice(p.symbol), live.isPositive else { return }
        // (3) Entry price, re-anchored to the live price outside the PERCENT_PRICE band.
        var entry = entryFill.price
        let up = rules.multiplierUp.isPositive ? rules.multiplierUp : Rate(raw: 110_000_000)
        let down = rules.multiplierDown.isPositive ? rules.multiplierDown : Rate(raw: 90_000_000)
        if entry < live.scaled(by: down) || entry > live.scaled(by: up) { entry = live }
        // (4) The 0.5 % stop-distance floor.
        let intent = entryIntent(index)
        var stopLoss = intent?.stopLoss.flatMap { $0.isPositive ? $0 : nil }
        var takeProfit = intent?.takeProfit.flatMap { $0.isPositive ? $0 : nil }
        var stopPercent = intent?.stopLossPercent.flatMap { $0.isZero ? nil : $0 }
        let takePercent = intent?.takeProfitPercent.flatMap { $0.isZero ? nil : $0 }
        if let pct = stopPercent, pct.isPositive, pct < LiveProtectionRules.minStopDistance {
            stopPercent = LiveProtectionRules.minStopDistance
            stopLoss = nil
        } else if let sl = stopLoss, stopPercent == nil,
            sl.relativeDistance(from: entry).magnitude < LiveProtectionRules.minStopDistance
        {
            stopPercent = LiveProtectionRules.minStopDistance
            stopLoss = nil
        }
        // (5) Absolute levels from the fractions where missing.
        if stopLoss == nil, let pct = stopPercent, pct.isPositive {
            stopLoss = entry.scaled(by: p.side == .long ? Rate.one - pct : Rate.one + pct)
        }
        if takeProfit == nil, let pct = takePercent, pct.isPositive {
            takeProfit = entry.scaled(by: p.side == .long ? Rate.one + pct : Rate.one - pct)
        }
        // (6) Direction guard (#479) and (7) market-side stop guard (#551).
        let floor = LiveProtectionRules.safetyFloor
        do {
            if let sl = stopLoss {
                let corrected = try LiveProtectionRules.correctDirection(
                    .stopLoss, side: p.side, requested: sl, reference: entry, percentHint: stopPercent,
                    minDistance: floor)
                guard
                    let anchored = try LiveProtectionRules.marketSideStop(
                        side: p.side, stop: corrected, market: live, floor: floor)
                else {
                    note("flattened: stop unplaceable (#551)")
                    placeClose(index, purpose: .close, now: time)
                    return
                }
                stopLoss = anchored
            }
            if let tp = takeProfit {
                takeProfit = try LiveProtectionRules.correctDirection(
                    .takeProfit, side: p.side, requested: tp, reference: entry, percentHint: takePercent,
                    minDistance: .zero)
            }
        } catch {
            note("protection skipped: invalid reference price")
            return
        }
        // (8) Both levels: an OCO pair; otherwise single orders.
        if let sl = stopLoss, let tp = takeProfit {
            if state.livePairs[key] != nil {
                note("consolidated: existing OCO pair covers \(key)")
                return
            }
            if let inversion = LiveProtectionRules.directionInversion(
                side: p.side, stop: sl, target: tp, entry: entryFill.price)
            {
                note(
                    "direction_inversion (sl_wrong_side: \(inversion.stopWrong), tp_wrong_side: \(inversion.targetWrong)); individual orders"
                )
                placeLiveIndividual(index, stopLoss: sl, takeProfit: tp, rules: rules, live: live, time: time)
                return
            }
            placeLivePair(index, stopLoss: sl, takeProfit: tp, rules: rules, live: live, time: time)
        } else if stopLoss != nil || takeProfit != nil {
            placeLiveIndividual(index, stopLoss: stopLoss, takeProfit: takeProfit, rules: rules, live: live, time: time)
        }
    }

    private func livePlace(
        _ index: Int, purpose: OrderPurpose, price: Price, rules: SymbolRules, pairLeg: Bool, time: Timestamp
    ) -> Result<(OrderAck, String), ExchangeRejection> {
        let p = state.strategyBook.positions[index]
        let key = PositionKey(p.symbol, p.side)
        var request = OrderRequest(
            symbol: p.symbol, side: p.side.closingSide, positionSide: p.side,
            type: purpose == .stopLoss ? .stopMarket : .takeProfitMarket, stopPrice: rules.roundPrice(price, .nearest),
            timeInForce: .gteGtc, workingType: settings.protectionWorkingType, closePosition: true, priceProtect: true)
        let tag = OrderTag(
            purpose: purpose, position: index, strategyID: p.strategyID, key: key, isLivePairLeg: pairLeg)
        let clientID = ClientOrderID.make(register(tag, into: &request))
        switch exchange.place(request) {
        case .success(let ack): return .success((ack, clientID))
        case .failure(let rejection):
            state.rejectedPlacements.append(
                RejectedPlacement(request: request, rejection: rejection, time: time, tag: tag))
            return .failure(rejection)
        }
    }

    /// `OCOManager.place_oco_orders` (§6.7): the stop leg through the PERCENT_PRICE adjuster, then
    /// the take-profit leg; one leg alone is canceled and the position left naked.
    private func placeLivePair(
        _ index: Int, stopLoss: Price, takeProfit: Price, rules: SymbolRules, live: Price, time: Timestamp
    ) {
        let key = PositionKey(state.strategyBook.positions[index].symbol, state.strategyBook.positions[index].side)
        var stopPrice: Price? = stopLoss
        switch LiveProtectionRules.percentFilter(
            price: stopLoss, market: live, multiplierUp: rules.multiplierUp, multiplierDown: rules.multiplierDown,
            stopShaped: true, floor: LiveProtectionRules.safetyFloor)
        {
        case .unchanged(let price), .adjusted(let price, _): stopPrice = price
        case .refused: stopPrice = nil
        }
        var stopLeg: (OrderAck, String)? = nil
        if let stopPrice,
            case .success(let placed) = livePlace(
                index, purpose: .stopLoss, price: stopPrice, rules: rules, pairLeg: true, time: time)
        {
            stopLeg = placed
        }
        var takeLeg: (OrderAck, String)? = nil
        if case .success(let placed) = livePlace(
            index, purpose: .takeProfit, price: takeProfit, rules: rules, pairLeg: true, time: time)
        {
            takeLeg = placed
        }
        switch (stopLeg, takeLeg) {
        case (let s?, let t?):
            state.livePairs[key] = LivePair(owner: index, stopClientID: s.1, takeProfitClientID: t.1)
            state.strategyBook.update(index) {
                $0.stopLossOrderID = s.0.orderID
                $0.takeProfitOrderID = t.0.orderID
            }
        case (let s?, nil), (nil, let s?):
            _ = exchange.cancel(symbol: key.symbol, orderID: s.0.orderID)
            state.strategyBook.update(index) {
                $0.protectionNote = "position_naked: one OCO leg failed, the other canceled"
            }
        case (nil, nil):
            placeLiveIndividual(index, stopLoss: stopLoss, takeProfit: takeProfit, rules: rules, live: live, time: time)
        }
    }

    /// `_place_stop_loss_order` / `_place_take_profit_order` (§6.7): PERCENT_PRICE adjusted, the
    /// -2021 ladder, and an atomic rollback of the entry when a placement fails otherwise.
    private func placeLiveIndividual(
        _ index: Int, stopLoss: Price?, takeProfit: Price?, rules: SymbolRules, live: Price, time: Timestamp
    ) {
        let side = state.strategyBook.positions[index].side
        for (purpose, level) in [(OrderPurpose.stopLoss, stopLoss), (.takeProfit, takeProfit)] {
            guard let level else { continue }
            let outcome = LiveProtectionRules.percentFilter(
                price: level, market: live, multiplierUp: rules.multiplierUp, multiplierDown: rules.multiplierDown,
                stopShaped: purpose == .stopLoss, floor: LiveProtectionRules.safetyFloor)
            let price: Price
            switch outcome {
            case .unchanged(let p), .adjusted(let p, _): price = p
            case .refused:
                state.strategyBook.update(index) {
                    $0.protectionNote = [$0.protectionNote, "\(purpose.rawValue) refused: sl_within_safety_floor"]
                        .compactMap { $0 }.joined(separator: "; ")
                }
                continue
            }
            var placed = false
            var lastRejection: ExchangeRejection? = nil
            for candidate in [price] + LiveProtectionRules.retryLadder(price, side: side) {
                switch livePlace(index, purpose: purpose, price: candidate, rules: rules, pairLeg: false, time: time) {
                case .success(let (ack, _)):
                    state.strategyBook.update(index) {
                        if purpose == .stopLoss {
                            $0.stopLossOrderID = ack.orderID
                        } else {
                            $0.takeProfitOrderID = ack.orderID
                        }
                    }
                    placed = true
                case .failure(let rejection):
                    lastRejection = rejection
                }
                if placed || lastRejection?.code != -2021 { break }
            }
            if !placed {
                // Anything but an accepted order raises in live: atomic rollback of the entry.
                state.strategyBook.update(index) {
                    $0.protectionNote =
                        "Risk management failure: \(lastRejection.map(\.description) ?? "unknown"); rolled back"
                    $0.closeReason = .atomicRollback
                }
                placeClose(index, purpose: .close, now: time)
                return
            }
        }
    }

    /// A closePosition leg of the (symbol, side) pair filled: the whole side is closed.
    func liveLegFilled(_ tag: OrderTag, fill: Fill) {
        guard let owner = tag.position else { return }
        state.livePairs[tag.key] = nil
        switch settings.liveOcoOutcome {
        case .ownerClosed:
            state.strategyBook.addCommission(owner, fill.commission)
            if state.strategyBook.positions[owner].isOpen {
                state.strategyBook.close(
                    owner, quantity: fill.quantity, price: fill.price, time: fill.time,
                    reason: tag.purpose == .stopLoss ? .stopLoss : .takeProfit, orderID: fill.orderID,
                    ambiguous: fill.ambiguous, beyondOwnQuantity: true)
            }
        case .bothLegsGone:
            distribute(commission: fill.commission, over: tag.key)
        }
    }

    /// The `StrategyPositionReconciler` (§4.8): every interval, open strategy positions whose
    /// leg the exchange no longer holds, and which are older than the delay, are evicted as
    /// `closed_externally` without PnL. Runs only under live_compat.
    public func reconcile(now: Timestamp) {
        guard settings.protection == .liveCompat else { return }
        if let last = state.lastReconcile, now.milliseconds(since: last) < settings.reconcilerInterval { return }
        state.lastReconcile = now
        for key in state.strategyBook.legsWithOpenPositions
        where exchange.position(key.symbol, key.side).quantity.isZero {
            for index in state.strategyBook.openPositionIndices(key) {
                let age = now.milliseconds(since: state.strategyBook.positions[index].entryTime)
                if age >= settings.reconcilerDelay {
                    state.strategyBook.evict(index, reason: .noExchangePosition, at: now)
                }
            }
        }
    }
}
