public import Market

/// What an engine order is for and whom it belongs to.
public struct OrderTag: Sendable, Hashable {
    public var purpose: OrderPurpose
    /// The strategy position (index into `StrategyBook.positions`), when one.
    public var position: Int?
    public var strategyID: String?
    public var key: PositionKey
    /// live_compat: a leg of the (symbol, side) OCO pair rather than an individual order.
    public var isLivePairLeg: Bool

    public init(
        purpose: OrderPurpose, position: Int?, strategyID: String?, key: PositionKey, isLivePairLeg: Bool = false
    ) {
        self.purpose = purpose
        self.position = position
        self.strategyID = strategyID
        self.key = key
        self.isLivePairLeg = isLivePairLeg
    }
}

/// An order the exchange refused, kept for the report.
public struct RejectedPlacement: Sendable, Hashable {
    public var request: OrderRequest
    public var rejection: ExchangeRejection
    public var time: Timestamp
    public var tag: OrderTag
}

/// A funding settlement and its split over strategy positions.
public struct FundingAttribution: Sendable, Hashable {
    public var payment: FundingPayment
    public var lifecycleID: String?
    /// (strategy position index, share) in creation order.
    public var shares: [PositionShare]
}

/// A strategy position's share of a leg-wide amount.
public struct PositionShare: Sendable, Hashable {
    public var position: Int
    public var amount: Money
}

/// The live engine's dispatcher and exit handling (§3–§6): sizes and risk-checks executed
/// decisions, places entry orders, creates strategy positions from entry fills, places their
/// protection under the chosen model, and attributes every exit, fee, funding payment and
/// liquidation back to strategy positions.
///
/// Exchange events arrive through `handle(_:)`. Events that arrive while the dispatcher is
/// itself calling the exchange (a fill produced synchronously by a placement) are deferred and
/// handled as soon as that call returns, at the same simulation time.
public final class Dispatcher<Client: ExchangeClient> {
    public let settings: DispatchSettings
    public let exchange: Client
    /// Every mutable field, read and written in place through `state`.
    private let storage = StateStorage(repeating: DispatcherState(), count: 1)

    var state: DispatcherState {
        _read { yield storage[0] }
        _modify { yield &storage[0] }
    }

    /// The exchange legs as the fills built them.
    public var positionBook: PositionBook {
        _read { yield state.positionBook }
    }

    /// The strategy positions and their attribution.
    public var strategyBook: StrategyBook {
        _read { yield state.strategyBook }
    }

    /// Orders the exchange refused, in order.
    public var rejectedPlacements: [RejectedPlacement] {
        _read { yield state.rejectedPlacements }
    }

    /// Funding settlements with their attribution, in order.
    public var fundingAttributions: [FundingAttribution] {
        _read { yield state.fundingAttributions }
    }

    public init(settings: DispatchSettings, exchange: Client) {
        self.settings = settings
        self.exchange = exchange
    }

    deinit { storage.deallocate() }

    /// Reserves room for `count` entries (an entry order and two protective orders each): no
    /// reallocation of the books and order tables as a run of that many signals unfolds.
    public func reserve(entries count: Int) {
        state.tags.reserveCapacity(3 * count)
        state.strategyBook.reserve(positions: count)
    }

    /// The tag of an engine order by its client order id.
    public func tag(clientOrderID: String?) -> OrderTag? {
        guard let n = clientOrderID.flatMap(ClientOrderID.number), n <= state.tags.count else { return nil }
        return state.tags[n - 1]
    }

    /// The number N of an engine order's client id (`hs-N`), nil for any other id.
    public func tagNumber(clientOrderID: String?) -> Int? {
        guard let n = clientOrderID.flatMap(ClientOrderID.number), n <= state.tags.count else { return nil }
        return n
    }

    /// The tag of engine order number `n` (see `tagNumber(clientOrderID:)`), read in place.
    public subscript(tag n: Int) -> OrderTag {
        _read { yield state.tags[n - 1] }
    }

    /// Whom engine order number `n` (see `tagNumber(clientOrderID:)`) belongs to, read from its
    /// tag in one call.
    public func owner(tag n: Int) -> (purpose: OrderPurpose, position: Int?, strategyID: String?) {
        (state.tags[n - 1].purpose, state.tags[n - 1].position, state.tags[n - 1].strategyID)
    }

    /// The entry decision of a strategy position, if it had one.
    func entryIntent(_ index: Int) -> EntryIntent? {
        index < state.entryIntents.count ? state.entryIntents[index] : nil
    }

    /// True when the leg is held or an accepted entry on it is waiting to fill. The re-entry
    /// cooldown uses it: live's market entries fill synchronously, so the position exists from
    /// the decision on.
    public func holdsPosition(_ symbol: Symbol, _ side: PositionSide) -> Bool {
        let key = PositionKey(symbol, side)
        return state.positionBook.isOpen(key) || state.pendingEntryCount[key] > 0
    }

    // MARK: Entries

    /// Sizes, risk-checks and places the entry order of an executed decision (§6.2–6.4).
    public func dispatch(_ intent: consuming EntryIntent, now: Timestamp) -> DispatchOutcome {
        let outer = state.busy
        state.busy = true
        let outcome = dispatchEntry(intent, now: now)
        state.busy = outer
        if !outer { handleDeferred() }
        return outcome
    }

    /// The intent is kept with the pending entry: taken, not copied.
    private func dispatchEntry(_ intent: consuming EntryIntent, now: Timestamp) -> DispatchOutcome {
        guard let filters = exchange.orderFilters(for: intent.symbol) else {
            return DispatchOutcome(status: "exchange_failed", stage: "exchange", reason: "-1121 Invalid symbol.")
        }
        guard intent.currentPrice.isPositive else {
            return DispatchOutcome(
                status: "error", stage: "sizing", reason: "Cannot calculate order amount (price \(intent.currentPrice))"
            )
        }
        let minimum: Quantity
        do {
            minimum = try OrderSizing.minimumAmount(filters: filters, price: intent.currentPrice)
        } catch {
            return DispatchOutcome(status: "error", stage: "sizing", reason: error.description)
        }
        let refreshed = RiskLimits.portfolioValue(
            availableBalance: exchange.availableBalance, totalWalletBalance: exchange.walletBalance)
        let available = refreshed ?? .zero
        // Live sizes from `total_portfolio_value` as the last risk check cached it (the cache is
        // refreshed inside the risk checks, which run after sizing): live_compat does too; the
        // default sizes from the balance at the decision.
        let live = settings.protection == .liveCompat
        let sizingValue = live ? (state.cachedPortfolioValue ?? available) : available
        let amount: Quantity
        do {
            amount = try OrderSizing.amount(
                quantity: intent.quantity, positionSizePercent: intent.positionSizePercent,
                portfolioValue: sizingValue, price: intent.currentPrice, minimum: minimum)
        } catch {
            return DispatchOutcome(status: "error", stage: "sizing", reason: error.description)
        }
        let quantity = OrderSizing.quantityToSend(amount, filters: filters)
        let key = PositionKey(intent.symbol, intent.side)
        let context = RiskContext(
            symbol: intent.symbol, side: intent.side, amount: amount, positionSizePercent: intent.positionSizePercent,
            portfolioValue: refreshed, leverage: exchange.leverage(for: intent.symbol),
            openStrategyLeverage: settings.risk.portfolioLeverageCap > 0 ? openStrategyLeverage() : 0,
            algoOrdersOnSymbol: exchange.openConditionalOrderCount(symbol: intent.symbol),
            algoOrdersOnAccount: exchange.openConditionalOrderCount(symbol: nil), now: now)
        if live { state.cachedPortfolioValue = available }
        if let rejection = RiskLimits.check(context, book: state.positionBook, settings: settings.risk) {
            return DispatchOutcome(
                status: "exchange_failed", stage: "risk", reason: "\(rejection.source): \(rejection.rawValue)",
                quantity: quantity)
        }
        guard var request = entryRequest(intent, quantity: quantity, filters: filters) else {
            return DispatchOutcome(
                status: "exchange_failed", stage: "exchange",
                reason: "Invalid order type: \(intent.orderType)",
                quantity: quantity)
        }
        let number = register(
            OrderTag(purpose: .entry, position: nil, strategyID: intent.strategyID, key: key), into: &request)
        state.pendingEntries.insert(intent, number: number)
        state.pendingEntryCount[key] += 1
        switch exchange.place(request) {
        case .success(let ack):
            return DispatchOutcome(
                status: "executed", stage: "dispatch", reason: Self.placedReason(request.type), quantity: quantity,
                orderID: ack.orderID)
        case .failure(let rejection):
            _ = state.pendingEntries.remove(number: number)
            state.pendingEntryCount[key] -= 1
            state.rejectedPlacements.append(
                RejectedPlacement(request: request, rejection: rejection, time: now, tag: state.tags[number - 1]))
            return DispatchOutcome(
                status: "exchange_failed", stage: "exchange", reason: rejection.description, quantity: quantity)
        }
    }

    /// `Entry order placed (MARKET)`: the common texts without building them.
    static func placedReason(_ type: OrderType) -> String {
        switch type {
        case .market: "Entry order placed (MARKET)"
        case .limit: "Entry order placed (LIMIT)"
        default: "Entry order placed (\(type.rawValue))"
        }
    }

    /// The Binance request for a signal's entry order type, as the live client maps it (§6.10);
    /// nil for the conditional entry types the live client refuses.
    private func entryRequest(_ intent: EntryIntent, quantity: Quantity, filters rules: OrderFilters) -> OrderRequest? {
        let side: Side = intent.isBuy ? .buy : .sell
        var request = OrderRequest(
            symbol: intent.symbol, side: side, positionSide: intent.side, type: .market, quantity: quantity,
            referencePrice: intent.currentPrice)
        let tif = TimeInForce(rawValue: intent.timeInForce.uppercased()) ?? .gtc
        switch intent.orderType {
        case "market":
            break
        case "limit":
            request.type = .limit
            request.price = rules.roundPrice(intent.currentPrice, .nearest)
            request.timeInForce = tif
        case "stop", "take_profit", "stop_limit", "take_profit_limit":
            // Live sends these as closePosition algo orders on the opening side; Binance refuses.
            let stop = intent.orderType.hasPrefix("stop")
            request.type =
                intent.orderType.hasSuffix("_limit")
                ? (stop ? .stop : .takeProfit) : (stop ? .stopMarket : .takeProfitMarket)
            request.quantity = nil
            request.closePosition = true
            request.stopPrice = (stop ? intent.stopLoss : intent.takeProfit).map { rules.roundPrice($0, .nearest) }
            if intent.orderType.hasSuffix("_limit") { request.price = rules.roundPrice(intent.currentPrice, .nearest) }
            request.workingType = .markPrice
            request.timeInForce = .gteGtc
        default:
            return nil
        }
        return request
    }

    private func openStrategyLeverage() -> Int {
        var total = 0
        for key in state.strategyBook.legsWithOpenPositions {
            total += exchange.leverage(for: key.symbol) * state.strategyBook.openPositionIndices(key).count
        }
        return total
    }

    // MARK: Close signals

    /// A `close` signal (§9.7). per_strategy: market-closes every open position of the strategy
    /// on the symbol. live_compat: reproduces the live failure (the Binance client refuses side
    /// `close`).
    public func closeStrategy(strategyID: String, symbol: Symbol, now: Timestamp) -> DispatchOutcome {
        withExchange {
            guard settings.protection == .perStrategy else {
                return DispatchOutcome(
                    status: "exchange_failed", stage: "exchange",
                    reason: "Invalid order side: close")
            }
            var closed = 0
            for side in [PositionSide.long, .short] {
                let key = PositionKey(symbol, side)
                for index in state.strategyBook.openPositionIndices(key)
                where state.strategyBook.positions[index].strategyID == strategyID {
                    if placeClose(index, purpose: .close, now: now) { closed += 1 }
                }
            }
            if closed == 0 {
                return DispatchOutcome(status: "rejected", stage: "close", reason: "No open position to close")
            }
            return DispatchOutcome(status: "executed", stage: "close", reason: "Closing \(closed) strategy position(s)")
        }
    }

    /// Cancels a position's protection and sends a market order for its remaining quantity.
    @discardableResult
    func placeClose(_ index: Int, purpose: OrderPurpose, now: Timestamp) -> Bool {
        let p = state.strategyBook.positions[index]
        cancelProtection(index)
        let key = PositionKey(p.symbol, p.side)
        var request = OrderRequest(
            symbol: p.symbol, side: p.side.closingSide, positionSide: p.side, type: .market,
            quantity: p.remainingQuantity)
        let number = register(
            OrderTag(purpose: purpose, position: index, strategyID: p.strategyID, key: key), into: &request)
        if case .failure(let rejection) = exchange.place(request) {
            state.rejectedPlacements.append(
                RejectedPlacement(request: request, rejection: rejection, time: now, tag: state.tags[number - 1]))
            return false
        }
        return true
    }

    func cancelProtection(_ index: Int) {
        let stopLoss = state.strategyBook.positions[index].stopLossOrderID
        let takeProfit = state.strategyBook.positions[index].takeProfitOrderID
        guard stopLoss != nil || takeProfit != nil else { return }
        let symbol = state.strategyBook.positions[index].symbol
        if let stopLoss { _ = exchange.cancel(symbol: symbol, orderID: stopLoss) }
        if let takeProfit { _ = exchange.cancel(symbol: symbol, orderID: takeProfit) }
        state.strategyBook.update(index) {
            $0.stopLossOrderID = nil
            $0.takeProfitOrderID = nil
        }
    }

    // MARK: Events

    /// Handles one exchange event (fills, order updates, funding).
    public func handle(_ event: ExchangeEvent) {
        if state.busy {
            state.deferred.append(event)
            return
        }
        withExchange { process(event) }
    }

    /// Runs `body` with events deferred, then handles what arrived meanwhile.
    func withExchange<T>(_ body: () -> T) -> T {
        let outer = state.busy
        state.busy = true
        let result = body()
        state.busy = outer
        if !outer { handleDeferred() }
        return result
    }

    /// Handles the events deferred while the dispatcher was calling the exchange, in order
    /// (including those they defer in turn).
    private func handleDeferred() {
        while !state.deferred.isEmpty {
            let event = state.deferred.removeFirst()
            state.busy = true
            process(event)
            state.busy = false
        }
    }

    private func process(_ event: ExchangeEvent) {
        switch event {
        case .fill(let fill): processFill(fill)
        case .order(let update): processOrderUpdate(update)
        case .funding(let payment):
            let key = PositionKey(payment.symbol, payment.positionSide)
            let lifecycle = state.strategyBook.openExchangePosition(key)?.lifecycleID
            let shares = state.strategyBook.applyFunding(payment.amount, to: key)
            state.fundingAttributions.append(
                FundingAttribution(
                    payment: payment, lifecycleID: lifecycle,
                    shares: shares.map { PositionShare(position: $0.index, amount: $0.share) }))
        }
    }

    private func processFill(_ fill: Fill) {
        let key = PositionKey(fill.symbol, fill.positionSide)
        state.positionBook.apply(key: key, side: fill.side, price: fill.price, quantity: fill.quantity, at: fill.time)
        if fill.isLiquidation {
            state.strategyBook.recordFill(on: key, realizedPnL: fill.realizedPnL, ambiguous: fill.ambiguous)
            distribute(commission: fill.commission, over: key)
            state.strategyBook.liquidate(
                key, price: fill.price, fee: fill.liquidationFee, time: fill.time, orderID: fill.orderID,
                ambiguous: fill.ambiguous)
            state.livePairs[key] = nil
            afterExit(key, time: fill.time)
            return
        }
        guard let n = fill.clientOrderID.flatMap(ClientOrderID.number), n <= state.tags.count else {
            state.strategyBook.recordFill(on: key, realizedPnL: fill.realizedPnL, ambiguous: fill.ambiguous)
            distribute(commission: fill.commission, over: key)
            afterExit(key, time: fill.time)
            return
        }
        let purpose = state.tags[n - 1].purpose
        switch purpose {
        case .entry:
            guard let pending = state.pendingEntries.slot(number: n) else { return }
            let index = openStrategyPosition(pending: pending, fill: fill)
            if settings.protection == .liveCompat {
                if state.entryIntents.count <= index {
                    state.entryIntents.append(
                        contentsOf: repeatElement(nil, count: index + 1 - state.entryIntents.count))
                }
                state.entryIntents[index] = state.pendingEntries.intents[pending]
            }
            state.tags[n - 1].position = index
            state.strategyBook.addCommission(index, fill.commission)
            protect(index, entryFill: fill)
        case .stopLoss, .takeProfit, .close:
            state.strategyBook.recordFill(on: key, realizedPnL: fill.realizedPnL, ambiguous: fill.ambiguous)
            if state.tags[n - 1].isLivePairLeg {
                liveLegFilled(state.tags[n - 1], fill: fill)
            } else if let index = state.tags[n - 1].position, settings.protection == .perStrategy || purpose == .close {
                let reason: CloseReason =
                    purpose == .stopLoss ? .stopLoss : purpose == .takeProfit ? .takeProfit : .closeSignal
                let isRollback = purpose == .close && state.strategyBook.positions[index].closeReason == .atomicRollback
                state.strategyBook.addCommission(index, fill.commission)
                state.strategyBook.close(
                    index, quantity: fill.quantity, price: fill.price, time: fill.time,
                    reason: isRollback ? .atomicRollback : reason, orderID: fill.orderID, ambiguous: fill.ambiguous)
                if state.strategyBook.positions[index].status == .closed {
                    // The order that filled is no longer working (the exchange settles a fill
                    // before delivering it): cancelling it could only fail.
                    state.strategyBook.update(index) {
                        if $0.stopLossOrderID == fill.orderID { $0.stopLossOrderID = nil }
                        if $0.takeProfitOrderID == fill.orderID { $0.takeProfitOrderID = nil }
                    }
                    cancelProtection(index)
                }
            } else {
                // live_compat individual protective orders: the monitor does not track them, so
                // no strategy position is closed (§4.7); the reconciler evicts the ghosts.
                distribute(commission: fill.commission, over: key)
            }
            afterExit(key, time: fill.time)
        case .liquidation:
            break
        }
    }

    private func processOrderUpdate(_ update: OrderUpdate) {
        guard update.status.isFinal, let clientID = update.clientOrderID, let n = ClientOrderID.number(clientID),
            n <= state.tags.count
        else { return }
        if state.tags[n - 1].purpose == .entry, state.pendingEntries.remove(number: n) {
            state.pendingEntryCount[state.tags[n - 1].key] -= 1
        }
        if let index = state.tags[n - 1].position, update.status != .filled {
            state.strategyBook.update(index) {
                if $0.stopLossOrderID == update.orderID { $0.stopLossOrderID = nil }
                if $0.takeProfitOrderID == update.orderID { $0.takeProfitOrderID = nil }
            }
        }
        guard state.tags[n - 1].isLivePairLeg, update.status != .filled else { return }
        let tag = state.tags[n - 1]
        if var pair = state.livePairs[tag.key] {
            if pair.stopClientID == clientID { pair.stopClientID = nil }
            if pair.takeProfitClientID == clientID { pair.takeProfitClientID = nil }
            state.livePairs[tag.key] = pair.stopClientID == nil && pair.takeProfitClientID == nil ? nil : pair
        }
    }

    /// Creates the strategy position of an entry fill (§4.2): own TP/SL from the absolute levels,
    /// else from the fractions at the fill price.
    /// The intent is read in place from the pending entry at slot `pending`.
    private func openStrategyPosition(pending: Int, fill: Fill) -> Int {
        let entry = fill.price
        let side = state.pendingEntries.intents[pending].side
        let target: Price? =
            state.pendingEntries.intents[pending].takeProfit.flatMap { $0.isZero ? nil : $0 }
            ?? state.pendingEntries.intents[pending].takeProfitPercent.flatMap { pct in
                pct.isZero ? nil : entry.scaled(by: side == .long ? Rate.one + pct : Rate.one - pct)
            }
        let stop: Price? =
            state.pendingEntries.intents[pending].stopLoss.flatMap { $0.isZero ? nil : $0 }
            ?? state.pendingEntries.intents[pending].stopLossPercent.flatMap { pct in
                pct.isZero ? nil : entry.scaled(by: side == .long ? Rate.one - pct : Rate.one + pct)
            }
        return state.strategyBook.open(
            strategyID: state.pendingEntries.intents[pending].strategyID,
            signalID: state.pendingEntries.intents[pending].signalID,
            decisionID: state.pendingEntries.intents[pending].decisionID,
            signalSequence: state.pendingEntries.intents[pending].sequence,
            symbol: state.pendingEntries.intents[pending].symbol,
            side: side, quantity: fill.quantity, price: entry, time: fill.time, entryOrderID: fill.orderID,
            takeProfit: target, stopLoss: stop, metadata: state.pendingEntries.intents[pending].metadata)
    }

    /// After an exit: a leg the exchange shows flat ends its lifecycle.
    func afterExit(_ key: PositionKey, time: Timestamp) {
        if exchange.position(key.symbol, key.side).quantity.isZero {
            state.strategyBook.closeLifecycle(key, at: time)
            if !state.livePairs.isEmpty { state.livePairs[key] = nil }
        }
    }

    /// Splits a commission over the leg's open strategy positions (pro rata).
    func distribute(commission: Money, over key: PositionKey) {
        guard !commission.isZero else { return }
        for share in state.strategyBook.proRata(commission, over: key) {
            state.strategyBook.addCommission(share.index, share.share)
        }
    }

    // MARK: Protection

    private func protect(_ index: Int, entryFill: Fill) {
        switch settings.protection {
        case .perStrategy: protectPerStrategy(index, time: entryFill.time)
        case .liveCompat: protectLive(index, entryFill: entryFill)
        }
    }

    /// per_strategy: the position's own STOP_MARKET and TAKE_PROFIT_MARKET, sized to its own
    /// quantity, linked so that one fill cancels the other.
    private func protectPerStrategy(_ index: Int, time: Timestamp) {
        let symbol = state.strategyBook.positions[index].symbol
        guard let rules = exchange.orderFilters(for: symbol) else { return }
        let side = state.strategyBook.positions[index].side
        let quantity = state.strategyBook.positions[index].remainingQuantity
        let strategyID = state.strategyBook.positions[index].strategyID
        let group = state.nextGroup
        state.nextGroup += 1
        var notes: [String] = []
        let key = PositionKey(symbol, side)
        func place(_ purpose: OrderPurpose, _ level: Price?) {
            guard let level else { return }
            let price = rules.roundPrice(level, .nearest)
            guard price.isPositive else {
                notes.append("\(purpose.rawValue) not placed: level \(level) is not a positive price")
                return
            }
            var request = OrderRequest(
                symbol: symbol, side: side.closingSide, positionSide: side,
                type: purpose == .stopLoss ? .stopMarket : .takeProfitMarket, quantity: quantity,
                stopPrice: price, timeInForce: .gtc, workingType: settings.protectionWorkingType, ocoGroup: group)
            let number = register(
                OrderTag(purpose: purpose, position: index, strategyID: strategyID, key: key), into: &request)
            switch exchange.place(request) {
            case .success(let ack):
                state.strategyBook.update(index) {
                    if purpose == .stopLoss {
                        $0.stopLossOrderID = ack.orderID
                    } else {
                        $0.takeProfitOrderID = ack.orderID
                    }
                }
            case .failure(let rejection):
                state.rejectedPlacements.append(
                    RejectedPlacement(request: request, rejection: rejection, time: time, tag: state.tags[number - 1]))
                notes.append("\(purpose.rawValue) rejected: \(rejection)")
            }
        }
        place(.stopLoss, state.strategyBook.positions[index].stopLossPrice)
        place(.takeProfit, state.strategyBook.positions[index].takeProfitPrice)
        if !notes.isEmpty { state.strategyBook.update(index) { $0.protectionNote = notes.joined(separator: "; ") } }
    }

    /// Gives the request the next client order id (`hs-N`) and files its tag; returns N.
    @discardableResult
    func register(_ tag: consuming OrderTag, into request: inout OrderRequest) -> Int {
        let number = state.nextClientOrder
        state.nextClientOrder += 1
        request.clientOrderID = ClientOrderID.make(number)
        state.tags.append(tag)
        return number
    }

    // MARK: Invariants

    /// per_strategy: the exchange leg equals Σ open strategy quantity on every leg. Returns a
    /// description of the first violation, or nil. Meaningful only when the exchange is quiescent
    /// (between bars and decisions: events of one path point arrive after the point).
    public func invariantViolation() -> String? {
        var keys = state.strategyBook.legsWithOpenPositions
        for p in state.positionBook.positions where !keys.contains(p.key) { keys.append(p.key) }
        for key in keys.sorted() {
            let exchangeQuantity = exchange.position(key.symbol, key.side).quantity
            let strategies = state.strategyBook.openQuantity(key)
            if exchangeQuantity != strategies {
                return "\(key): exchange \(exchangeQuantity) ≠ strategies \(strategies)"
            }
        }
        return nil
    }
}
