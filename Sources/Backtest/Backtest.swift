/// The `Backtest` module. See DESIGN.md §1 for what it owns.
public enum BacktestModule {
    /// The module's name, for diagnostics.
    public static let name = "Backtest"
}
