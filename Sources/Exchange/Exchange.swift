/// The `Exchange` module. See DESIGN.md §1 for what it owns.
public enum ExchangeModule {
    /// The module's name, for diagnostics.
    public static let name = "Exchange"
}
