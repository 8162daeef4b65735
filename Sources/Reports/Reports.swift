/// The `Reports` module. See DESIGN.md §1 for what it owns.
public enum ReportsModule {
    /// The module's name, for diagnostics.
    public static let name = "Reports"
}
