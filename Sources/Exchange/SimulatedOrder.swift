import Market

/// Where an order is in the simulator's books.
enum OrderStage: UInt8 {
    /// Accepted, not active yet (waiting for its activation time: latency, or the next path
    /// point when placed during a bar walk). MARKET orders wait here for their bar's open.
    case pending
    /// An untriggered STOP / STOP_MARKET / TAKE_PROFIT / TAKE_PROFIT_MARKET in a trigger heap.
    case conditional
    /// An untriggered TRAILING_STOP_MARKET in its symbol's trailing list.
    case trailing
    /// A LIMIT (or a triggered STOP / TAKE_PROFIT) resting in a limit heap.
    case resting
    /// Taken out of its heap or list by the bar walk and being triggered or filled.
    case triggering
    /// Filled, canceled, expired or rejected.
    case done
}

/// One order as the simulator books it. Prices and quantities are raw fixed-point values.
struct SimulatedOrder {
    var id: OrderID
    var symbol: Int
    var side: Side
    var positionSide: PositionSide
    var type: OrderType
    var originalType: OrderType
    var timeInForce: TimeInForce
    var workingType: WorkingType
    var closePosition: Bool
    var priceProtect: Bool
    /// Raw quantity (zero for closePosition until it triggers).
    var quantity: Int64
    var price: Int64
    var stopPrice: Int64
    /// Raw activation price of a trailing stop (0 when not sent).
    var activationPrice: Int64
    /// Raw callback rate in percent (1 % = 10⁸).
    var callbackRate: Int64
    var ocoGroup: Int64?
    var referencePrice: Int64?
    var clientOrderID: String?

    var status: OrderStatus = .new
    var expiryReason: ExpiryReason = .none
    var stage: OrderStage = .pending
    /// Bumped whenever the order leaves a heap, so stale heap entries are recognised.
    var generation: UInt32 = 0
    /// The time from which the order may act (see `ExchangeConfiguration.latency`).
    var activeFrom: Int64 = 0
    var executed: Int64 = 0
    /// Σ fill notional (raw Money), for the average price.
    var cumulativeQuote: Int64 = 0
    /// Initial margin reserved while the order works (opening LIMIT / MARKET orders).
    var reservedMargin: Int64 = 0
    /// Trailing stop: the highest (SELL) or lowest (BUY) price seen since placement.
    var watermark: Int64 = 0
    /// Trailing stop: the activation condition has been met.
    var activated: Bool = false
    var updateTime: Int64 = 0

    /// True for SELL/LONG and BUY/SHORT.
    var isCloseSide: Bool { side == positionSide.closingSide }
}

/// One hedge-mode leg's books, raw fixed-point values.
struct Leg {
    /// Unsigned size.
    var quantity: Int64 = 0
    /// Exact cost basis: Σ entry notional of the open quantity.
    var cost: Int64 = 0
    /// Σ pre-fee realized PnL over the run.
    var realized: Int64 = 0
    /// Isolated wallet (zero in cross mode).
    var isolatedWallet: Int64 = 0
    /// Time of the fill that opened the leg from flat.
    var openedAt: Int64 = 0
    /// Liquidation price of an isolated leg (0 = none).
    var liquidationPrice: Int64 = 0
}

/// A heap entry: an order's trigger key. Ordered by key, then `tie` (the order id for the
/// "fires when price rises" heaps, minus the id for the "fires when price falls" heaps, so the
/// lower id comes first at either end), then generation.
struct TriggerEntry: Comparable {
    var key: Int64
    var tie: Int64
    var index: Int32
    var generation: UInt32

    static func < (lhs: TriggerEntry, rhs: TriggerEntry) -> Bool {
        if lhs.key != rhs.key { return lhs.key < rhs.key }
        if lhs.tie != rhs.tie { return lhs.tie < rhs.tie }
        return lhs.generation < rhs.generation
    }

    static func == (lhs: TriggerEntry, rhs: TriggerEntry) -> Bool {
        lhs.key == rhs.key && lhs.tie == rhs.tie && lhs.generation == rhs.generation
    }
}

/// The per-symbol values the per-bar fast path reads: cached heap tops, liquidation levels,
/// last and mark prices. Trivial (no references), so reading it costs no reference counting.
struct SymbolHot {
    /// Lowest key of the contract-price "fires when price ≥ key" heap (Int64.max when empty).
    var upContract: Int64 = .max
    /// Highest key of the contract-price "fires when price ≤ key" heap (Int64.min when empty).
    var downContract: Int64 = .min
    var upMark: Int64 = .max
    var downMark: Int64 = .min
    /// Mark price at or above which a leg of the symbol is liquidated (Int64.max: none).
    var liquidationUp: Int64 = .max
    /// Mark price at or below which a leg of the symbol is liquidated (Int64.min: none).
    var liquidationDown: Int64 = .min
    /// Last trade price (0 before the first bar).
    var lastPrice: Int64 = 0
    var markPrice: Int64 = 0
    /// Earliest `activeFrom` of the symbol's pending orders (Int64.max when none).
    var pendingMin: Int64 = .max
    var trailingCount: Int32 = 0
    /// The symbol is in cross mode and has an open leg: its liquidation level is recomputed
    /// per bar from the account.
    var crossOpen: Bool = false
    /// Index of the last processed bar (−1 before the first).
    var lastBar: Int = -1
}
