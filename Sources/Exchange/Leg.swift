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
