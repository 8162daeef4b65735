public import Market

/// The strategy position manager (§4): virtual per-strategy positions, the exchange positions
/// they aggregate into (one lifecycle record per open→flat cycle of a leg) and the contributions
/// linking them. Ids are sequential per run (`sp-000001`, `pc-000001`, `ep-000001`).
///
/// Records are kept in creation order; lookups by id use index maps that are never iterated.
public struct StrategyBook: Sendable {
    public private(set) var positions: [StrategyPosition] = []
    public private(set) var contributions: [PositionContribution] = []
    public private(set) var exchangePositions: [ExchangePositionRecord] = []

    /// Per leg: the open lifecycle and the open strategy positions (a short table scanned by
    /// key, no hashing).
    private var legs = LegTable()
    /// Contribution index and lifecycle index per strategy position index.
    private var contributionOf: [Int] = []
    private var lifecycleOf: [Int] = []

    public init() {}

    /// Reserves room for `count` strategy positions (each with its contribution and at most one
    /// lifecycle): no reallocation as a run of that many entries fills the book.
    public mutating func reserve(positions count: Int) {
        positions.reserveCapacity(count)
        contributions.reserveCapacity(count)
        exchangePositions.reserveCapacity(count)
        contributionOf.reserveCapacity(count)
        lifecycleOf.reserveCapacity(count)
    }

    /// Formats a sequential id: `sp-000042` (at least six digits).
    public static func id(_ prefix: String, _ number: Int) -> String {
        var prefix = prefix
        let formatted = prefix.withUTF8 { head -> String? in
            guard head.count <= 6, number >= 0, number < 1_000_000_000 else { return nil }
            let digits = max(6, FixedPointFormatter.digitCount(UInt64(number)))
            return String(unsafeUninitializedCapacity: head.count + 1 + digits) { out in
                for k in 0..<head.count { out[k] = head[k] }
                out[head.count] = UInt8(ascii: "-")
                FixedPointFormatter.writeDigits(UInt64(number), count: digits, to: out.baseAddress! + head.count + 1)
                return head.count + 1 + digits
            }
        }
        if let formatted { return formatted }
        let digits = String(number)
        return prefix + "-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    // MARK: Queries

    /// Indices of the open strategy positions on a leg, in creation order.
    /// The positions of a strategy, open or not, in creation order (live's
    /// `get_strategy_positions_by_strategy`, SP3).
    public func positionIndices(strategyID: String) -> [Int] {
        positions.indices.filter { positions[$0].strategyID == strategyID }
    }

    /// The position with the id `sp-NNNNNN`; nil for an unknown id (live's lookup by id
    /// returns nothing and its close returns `{}`, SP5).
    public func index(ofID id: String) -> Int? {
        guard id.hasPrefix("sp-"), let number = Int(id.dropFirst(3)), number >= 1, number <= positions.count,
            positions[number - 1].id == id
        else { return nil }
        return number - 1
    }

    /// The position whose entry order has the exchange id written `orderID` (live's
    /// `get_strategy_position_by_entry_order_id`, SP18); nil for an unknown, empty or
    /// non-numeric id. The latest such position when several share one.
    public func index(ofEntryOrderID orderID: String) -> Int? {
        guard let id = OrderID(orderID) else { return nil }
        return positions.lastIndex { $0.entryOrderID == id }
    }

    public func openPositionIndices(_ key: PositionKey) -> [Int] { legs.slot(key).map { legs.open[$0] } ?? [] }

    /// The open lifecycle record of a leg, if any.
    public func openExchangePosition(_ key: PositionKey) -> ExchangePositionRecord? {
        legs.lifecycle(key).map { exchangePositions[$0] }
    }

    /// Σ remaining quantity of the open strategy positions on a leg.
    public func openQuantity(_ key: PositionKey) -> Quantity {
        var total = Quantity.zero
        for i in openPositionIndices(key) { total += positions[i].remainingQuantity }
        return total
    }

    /// Every leg with at least one open strategy position, sorted.
    public var legsWithOpenPositions: [PositionKey] {
        legs.keys.indices.filter { !legs.open[$0].isEmpty }.map { legs.keys[$0] }.sorted()
    }

    // MARK: Opening

    /// Records an executed entry (§4.2–4.4): a new strategy position, its exchange position
    /// (a new lifecycle when the leg was flat) and the contribution. Returns the position's index.
    @discardableResult
    public mutating func open(
        strategyID: String, signalID: String?, decisionID: String?, signalSequence: Int, symbol: Symbol,
        side: PositionSide, quantity: Quantity, price: Price, time: Timestamp, entryOrderID: OrderID?,
        takeProfit: Price?, stopLoss: Price?, metadata: StrategyMetadata
    ) -> Int {
        let key = PositionKey(symbol, side)
        let slot = legs.slot(key) ?? legs.add(key)
        let lifecycleIndex: Int
        let before: Quantity
        if let existing = legs.lifecycle[slot] {
            lifecycleIndex = existing
            before = exchangePositions[existing].currentQuantity
            Self.add(quantity, at: price, strategyID: strategyID, time: time, to: &exchangePositions[existing])
        } else {
            before = .zero
            lifecycleIndex = exchangePositions.count
            exchangePositions.append(
                ExchangePositionRecord(
                    lifecycleID: Self.id("ep", lifecycleIndex + 1), key: key, currentQuantity: quantity,
                    weightedAveragePrice: price, firstEntryTime: time, lastUpdateTime: time, closedTime: nil,
                    isOpen: true, contributingStrategies: [strategyID], totalContributions: 1,
                    peakQuantity: quantity))
            legs.lifecycle[slot] = lifecycleIndex
        }
        let lifecycleID = exchangePositions[lifecycleIndex].lifecycleID
        let keyText = legs.text[slot]
        let index = positions.count
        let positionID = Self.id("sp", index + 1)
        positions.append(
            StrategyPosition(
                id: positionID, sequence: index + 1, strategyID: strategyID, signalID: signalID,
                decisionID: decisionID, signalSequence: signalSequence, symbol: symbol, side: side,
                entryQuantity: quantity, entryPrice: price, entryTime: time, entryOrderID: entryOrderID,
                takeProfitPrice: takeProfit, stopLossPrice: stopLoss, takeProfitOrderID: nil, stopLossOrderID: nil,
                protectionNote: nil, status: .open, exchangePositionKey: keyText, lifecycleID: lifecycleID,
                metadata: metadata, remainingQuantity: quantity))
        legs.open[slot].append(index)
        contributionOf.append(contributions.count)
        lifecycleOf.append(lifecycleIndex)
        contributions.append(
            PositionContribution(
                id: Self.id("pc", contributions.count + 1), strategyPositionID: positionID,
                exchangePositionKey: keyText, lifecycleID: lifecycleID, strategyID: strategyID,
                symbol: symbol, side: side, quantity: quantity, entryPrice: price, time: time,
                sequence: exchangePositions[lifecycleIndex].totalContributions, exchangeQuantityBefore: before,
                exchangeQuantityAfter: exchangePositions[lifecycleIndex].currentQuantity))
        return index
    }

    /// Adds a contribution to an open lifecycle record (in place).
    private static func add(
        _ quantity: Quantity, at price: Price, strategyID: String, time: Timestamp,
        to record: inout ExchangePositionRecord
    ) {
        let newQuantity = record.currentQuantity + quantity
        let cost =
            record.weightedAveragePrice.notional(record.currentQuantity, .towardZero)
            + price.notional(quantity, .towardZero)
        record.weightedAveragePrice = newQuantity.isPositive ? cost.price(per: newQuantity) : price
        record.currentQuantity = newQuantity
        record.peakQuantity = Quantity.max(record.peakQuantity, newQuantity)
        record.totalContributions += 1
        if !record.contributingStrategies.contains(strategyID) { record.contributingStrategies.append(strategyID) }
        record.lastUpdateTime = time
    }

    // MARK: Mutating one position

    /// Sets fields of a position that the dispatcher fills in after creation (order ids, notes).
    public mutating func update(_ index: Int, _ body: (inout StrategyPosition) -> Void) {
        body(&positions[index])
    }

    /// Adds a commission to a position and to its lifecycle record.
    public mutating func addCommission(_ index: Int, _ amount: Money) {
        positions[index].commission += amount
        let lifecycle = lifecycleIndex(of: index)
        exchangePositions[lifecycle].commission += amount
    }

    /// Closes `quantity` of a position at `price` (§4.5): PnL at its own entry price, status
    /// `partial` until nothing remains, the contribution closed with the position's total PnL,
    /// the exchange position reduced by the same quantity (a new lifecycle begins after it goes
    /// flat).
    ///
    /// With `beyondOwnQuantity` (live_compat's owner close) the quantity may exceed what the
    /// position holds: the PnL is charged on all of it and the exchange position is reduced by
    /// all of it, as live does.
    /// - Returns: The realized PnL of this close.
    @discardableResult
    public mutating func close(
        _ index: Int, quantity: Quantity, price: Price, time: Timestamp, reason: CloseReason, orderID: OrderID?,
        ambiguous: Bool, beyondOwnQuantity: Bool = false
    ) -> Money {
        let (closing, realized) = Self.close(
            &positions[index], quantity: quantity, price: price, time: time, reason: reason, orderID: orderID,
            ambiguous: ambiguous, beyondOwnQuantity: beyondOwnQuantity)
        if positions[index].status == .closed {
            removeOpen(index, key: PositionKey(positions[index].symbol, positions[index].side))
            let c = contributionOf[index]
            contributions[c].isClosed = true
            contributions[c].closeReason = reason
            contributions[c].exitTime = time
            contributions[c].exitPrice = positions[index].exitPrice
            contributions[c].pnl = positions[index].realizedPnL
            contributions[c].pnlPercent = positions[index].realizedPnLPercent
        }
        reduceExchangePosition(lifecycleIndex(of: index), by: closing, at: time)
        return realized
    }

    /// The part of `close` on the position itself (in place); returns the closed quantity and
    /// its realized PnL.
    private static func close(
        _ p: inout StrategyPosition, quantity: Quantity, price: Price, time: Timestamp, reason: CloseReason,
        orderID: OrderID?, ambiguous: Bool, beyondOwnQuantity: Bool
    ) -> (Quantity, Money) {
        let closing = beyondOwnQuantity ? quantity : Quantity.min(quantity, p.remainingQuantity)
        let realized = PositionBook.pnl(side: p.side, entry: p.entryPrice, exit: price, quantity: closing)
        p.realizedPnL += realized
        p.exitQuantity += closing
        p.exitValue += price.notional(closing)
        p.exitTime = time
        p.exitOrderID = orderID
        p.closeReason = reason
        if ambiguous { p.ambiguousExit = true }
        p.remainingQuantity = beyondOwnQuantity ? .zero : p.remainingQuantity - closing
        p.status = p.remainingQuantity.isPositive ? .partial : .closed
        return (closing, realized)
    }

    /// Evicts a ghost (§4.6): `closed_externally`, exit time set, no PnL, no exchange-position or
    /// contribution update (as live).
    public mutating func evict(_ index: Int, reason: CloseReason, at time: Timestamp) {
        positions[index].status = .closedExternally
        positions[index].exitTime = time
        positions[index].closeReason = reason
        removeOpen(index, key: PositionKey(positions[index].symbol, positions[index].side))
    }

    // MARK: Leg-wide attribution

    /// Splits a leg-wide amount (funding, a liquidation fee) across the open strategy positions
    /// on that leg, pro rata by remaining quantity, exactly: each share is rounded toward zero,
    /// then the remaining 10⁻⁸ units go one each to the largest positions (ties: the older one).
    /// Returns the indices and shares; an empty leg returns nothing.
    public func proRata(_ amount: Money, over key: PositionKey) -> [(index: Int, share: Money)] {
        let indices = openPositionIndices(key)
        let total = openQuantity(key)
        guard !indices.isEmpty, total.isPositive else { return [] }
        var shares = indices.map {
            (index: $0, share: amount.share(positions[$0].remainingQuantity, of: total, .towardZero))
        }
        var remainder = amount.raw - shares.reduce(0) { $0 + $1.share.raw }
        if remainder != 0 {
            let order = shares.indices.sorted { a, b in
                let qa = positions[shares[a].index].remainingQuantity
                let qb = positions[shares[b].index].remainingQuantity
                return qa != qb ? qa > qb : shares[a].index < shares[b].index
            }
            let unit: Int64 = remainder > 0 ? 1 : -1
            var k = 0
            while remainder != 0 {
                shares[order[k % order.count]].share.raw += unit
                remainder -= unit
                k += 1
            }
        }
        return shares
    }

    /// Books a funding payment of a leg: split pro rata to its open strategy positions and added
    /// to the lifecycle record. Returns the shares.
    @discardableResult
    public mutating func applyFunding(_ amount: Money, to key: PositionKey) -> [(index: Int, share: Money)] {
        let shares = proRata(amount, over: key)
        for (index, share) in shares { positions[index].funding += share }
        if let lifecycle = legs.lifecycle(key) { exchangePositions[lifecycle].funding += amount }
        return shares
    }

    /// Records exchange-side truth of a fill on a leg's open lifecycle: realized PnL and the
    /// ambiguous flag (commissions are attributed separately).
    public mutating func recordFill(on key: PositionKey, realizedPnL: Money, ambiguous: Bool) {
        guard let lifecycle = legs.lifecycle(key) else { return }
        exchangePositions[lifecycle].realizedPnL += realizedPnL
        if ambiguous { exchangePositions[lifecycle].ambiguousFills += 1 }
    }

    /// Liquidates a leg: every open strategy position on it closes at `price` with reason
    /// `liquidation`, the clearance fee split pro rata. Returns the realized PnL per position.
    @discardableResult
    public mutating func liquidate(
        _ key: PositionKey, price: Price, fee: Money, time: Timestamp, orderID: OrderID?, ambiguous: Bool
    ) -> [(index: Int, realized: Money)] {
        let feeShares = proRata(fee, over: key)
        for (index, share) in feeShares { positions[index].liquidationFee += share }
        if let lifecycle = legs.lifecycle(key) {
            exchangePositions[lifecycle].liquidationFee += fee
            exchangePositions[lifecycle].liquidated = true
        }
        var result: [(index: Int, realized: Money)] = []
        for index in openPositionIndices(key) {
            let realized = close(
                index, quantity: positions[index].remainingQuantity, price: price, time: time, reason: .liquidation,
                orderID: orderID, ambiguous: ambiguous)
            result.append((index, realized))
        }
        return result
    }

    /// Marks the leg's open lifecycle closed even if strategy quantities say otherwise (the
    /// exchange went flat under live_compat while ghosts remain).
    public mutating func closeLifecycle(_ key: PositionKey, at time: Timestamp) {
        guard let slot = legs.slot(key), let lifecycle = legs.lifecycle[slot] else { return }
        exchangePositions[lifecycle].isOpen = false
        exchangePositions[lifecycle].closedTime = time
        exchangePositions[lifecycle].lastUpdateTime = time
        legs.lifecycle[slot] = nil
    }

    // MARK: Private

    private func lifecycleIndex(of positionIndex: Int) -> Int { lifecycleOf[positionIndex] }

    private mutating func removeOpen(_ index: Int, key: PositionKey) {
        guard let slot = legs.slot(key), let at = legs.open[slot].firstIndex(of: index) else { return }
        legs.open[slot].remove(at: at)
    }

    private mutating func reduceExchangePosition(_ lifecycle: Int, by quantity: Quantity, at time: Timestamp) {
        exchangePositions[lifecycle].currentQuantity -= quantity
        exchangePositions[lifecycle].lastUpdateTime = time
        guard !exchangePositions[lifecycle].currentQuantity.isPositive && exchangePositions[lifecycle].isOpen else {
            return
        }
        exchangePositions[lifecycle].isOpen = false
        exchangePositions[lifecycle].closedTime = time
        if let slot = legs.slot(exchangePositions[lifecycle].key), legs.lifecycle[slot] == lifecycle {
            legs.lifecycle[slot] = nil
        }
    }
}
