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
    /// Cross mode: the mark the symbol's booked contributions were computed at.
    var bookedMark: Int64 = 0
    /// Cross mode: the symbol's unrealized PnL and maintenance margin at `bookedMark` (their sums
    /// over symbols are `ExchangeState.crossUnrealizedTotal` and `crossMaintenanceTotal`).
    var crossUnrealized: Int64 = 0
    var crossMaintenance: Int64 = 0
    /// Cross mode: a re-booking at `pendingMark` is due (deferred by `markToMarket`).
    var crossPending: Bool = false
    var pendingMark: Int64 = 0
    /// Cross mode: while every open cross symbol's marks stay inside its band, the account
    /// cannot reach maintenance (see `computeCrossBands`); empty (low > high) when not known.
    var bandLow: Int64 = .max
    var bandHigh: Int64 = .min
}
