/// The `TradeEngine` module. See DESIGN.md §1 for what it owns.
public enum TradeEngineModule {
    /// The module's name, for diagnostics.
    public static let name = "TradeEngine"
}
