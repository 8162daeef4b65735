/// The `Feeds` module: reading klines, funding, rules and JSONL inputs. See DESIGN.md §1.
public enum FeedsModule {
    /// The module's name, for diagnostics.
    public static let name = "Feeds"
}
