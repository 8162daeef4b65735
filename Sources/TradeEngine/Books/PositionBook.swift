public import Market

/// One leg of the live engine's `PositionManager` (§3.1): quantity, volume-weighted average
/// price, side-aware realized PnL.
public struct BookPosition: Sendable, Hashable {
    public var key: PositionKey
    /// Unsigned; positive while open.
    public var quantity: Quantity
    public var averagePrice: Price
    /// Σ fill quantity × fill price of the adding fills.
    public var totalCost: Money
    /// `quantity × last fill price`.
    public var totalValue: Money
    /// Marked to the last fill price, as live (§3.3, §9.25).
    public var unrealizedPnL: Money
    public var realizedPnL: Money
    public var entryTime: Timestamp
    public var lastUpdate: Timestamp
    /// Adding fills after the first (§3.3; also counts zero-quantity fills, as live).
    public var accumulationCount: Int
}

/// The live engine's `PositionManager` as an in-memory book keyed by (symbol, side) (§3).
///
/// Unlike live (§9.13) it is updated by every fill, including protective exits and liquidations,
/// so the risk limits and the re-entry cooldown see the exchange's truth. Realized PnL is gross
/// (fees are not in it), as live. Daily PnL counts every realized exit and resets at 00:00 UTC
/// (§9.12's fix).
public struct PositionBook: Sendable {
    /// Open legs in the order they were first opened.
    public private(set) var positions: [BookPosition] = []
    /// Realized PnL of the current UTC day.
    public private(set) var dailyPnL: Money = .zero
    /// The UTC day `dailyPnL` belongs to.
    public private(set) var dailyPnLDay: Int64 = .min

    public init() {}

    /// The open leg, if any.
    public func position(_ key: PositionKey) -> BookPosition? {
        positions.first { $0.key == key }
    }

    /// The first open leg of a symbol (LONG before SHORT when both exist), as live's
    /// `get_position(symbol)` without a side.
    public func position(symbol: Symbol) -> BookPosition? {
        position(PositionKey(symbol, .long)) ?? position(PositionKey(symbol, .short))
    }

    /// All open legs of a symbol.
    public func positions(symbol: Symbol) -> [BookPosition] {
        positions.filter { $0.key.symbol == symbol }
    }

    /// True when the leg is open with a positive quantity.
    public func isOpen(_ key: PositionKey) -> Bool {
        position(key).map { $0.quantity.isPositive } ?? false
    }

    /// The daily PnL as of `time` (zero once the UTC day has changed).
    public func dailyPnL(at time: Timestamp) -> Money {
        time.dayNumber == dailyPnLDay ? dailyPnL : .zero
    }

    /// Gross exposure `Σ quantity × average price` over open legs (both sides add, §3.5 step 8).
    public var grossExposure: Money {
        var total = Money.zero
        for p in positions where p.quantity.isPositive {
            total += p.averagePrice.notional(p.quantity)
        }
        return total
    }

    /// Applies one fill (§3.3). `side` is the order side; a BUY on LONG or a SELL on SHORT adds,
    /// anything else reduces. Returns the realized PnL of a reducing fill (zero when adding).
    @discardableResult
    public mutating func apply(
        key: PositionKey, side: Side, price: Price, quantity: Quantity, at time: Timestamp
    )
        -> Money
    {
        let adding = (key.side == .long && side == .buy) || (key.side == .short && side == .sell)
        var index = positions.firstIndex { $0.key == key }
        if index == nil {
            // Live creates the key with quantity 0 before deciding (§3.3); a reduce against it
            // leaves nothing behind here.
            guard adding else { return .zero }
            positions.append(
                BookPosition(
                    key: key, quantity: .zero, averagePrice: .zero, totalCost: .zero, totalValue: .zero,
                    unrealizedPnL: .zero, realizedPnL: .zero, entryTime: time, lastUpdate: time,
                    accumulationCount: 0))
            index = positions.count - 1
        }
        let i = index!
        if adding {
            Self.add(quantity, at: price, time: time, to: &positions[i])
            return .zero
        }
        guard positions[i].quantity.isPositive else { return .zero }
        let realized = Self.reduce(quantity, at: price, time: time, of: &positions[i])
        addDaily(realized, at: time)
        if !positions[i].quantity.isPositive { positions.remove(at: i) }
        return realized
    }

    /// An adding fill on one leg (in place).
    private static func add(_ quantity: Quantity, at price: Price, time: Timestamp, to p: inout BookPosition) {
        p.lastUpdate = time
        let newQuantity = p.quantity + quantity
        if newQuantity.isPositive {
            if p.quantity.isPositive { p.accumulationCount += 1 }
            let cost = p.averagePrice.notional(p.quantity, .towardZero) + price.notional(quantity, .towardZero)
            p.averagePrice = cost.price(per: newQuantity)
            p.quantity = newQuantity
            p.totalCost += price.notional(quantity)
            p.totalValue = price.notional(newQuantity)
        }
        p.unrealizedPnL = pnl(side: p.key.side, entry: p.averagePrice, exit: price, quantity: p.quantity)
    }

    /// A reducing fill on an open leg (in place); returns its realized PnL.
    private static func reduce(
        _ quantity: Quantity, at price: Price, time: Timestamp, of p: inout BookPosition
    )
        -> Money
    {
        p.lastUpdate = time
        let closed = Quantity.min(quantity, p.quantity)
        let realized = pnl(side: p.key.side, entry: p.averagePrice, exit: price, quantity: closed)
        p.realizedPnL += realized
        p.quantity -= quantity
        p.totalValue = price.notional(p.quantity)
        if p.quantity.isPositive {
            p.unrealizedPnL = pnl(side: p.key.side, entry: p.averagePrice, exit: price, quantity: p.quantity)
        }
        return realized
    }

    /// Side-aware PnL: LONG `(exit − entry) × qty`, SHORT `(entry − exit) × qty`.
    public static func pnl(side: PositionSide, entry: Price, exit: Price, quantity: Quantity) -> Money {
        let move = side == .short ? entry - exit : exit - entry
        return move.notional(quantity)
    }

    /// Adds realized PnL from an exit this book did not see as a fill (not used by the engine,
    /// which routes every fill through `apply`); resets at the UTC day boundary.
    public mutating func addDaily(_ amount: Money, at time: Timestamp) {
        let day = time.dayNumber
        if day != dailyPnLDay {
            dailyPnLDay = day
            dailyPnL = .zero
        }
        dailyPnL += amount
    }
}
