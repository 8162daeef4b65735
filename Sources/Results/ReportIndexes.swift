/// Which of the live schema's indexes a report builds: scenario key `report.indexes`
/// (docs/reports.md, "Indexes"). The rows are the same either way; only the index set differs.
public enum ReportIndexes: String, Sendable, Hashable, CaseIterable {
    /// Only the indexes that the shipped views, `hedgesim report` and the HTML report use, created
    /// before the rows (each grows at its end, or nearly): the default.
    case minimal
    /// Every index of the live schema (`ResultTable.indexes`), built after the rows are in.
    case live

    /// The names of the `minimal` indexes, chosen with `EXPLAIN QUERY PLAN` over the views and
    /// every query of `hedgesim report` (text and HTML): the run lookups, the price chart's bars,
    /// strategy positions by strategy and by symbol, and signal decisions by status.
    public static let minimalNames: [String] = [
        "runs_pk", "price_bars_pk", "idx_strategy_id", "idx_symbol", "signal_decisions_status",
    ]

    /// Whether the indexes are created before the rows (else after them, in one pass per index).
    public var beforeRows: Bool { self == .minimal }

    /// The `CREATE INDEX` statements this choice builds for `tables`, in table order.
    public func statements(_ tables: [ResultTable]) -> [String] {
        let all = tables.flatMap(\.indexes)
        switch self {
        case .minimal: return all.filter { Self.minimalNames.contains(Self.name(of: $0)) }
        case .live: return all
        }
    }

    /// The index name of a `CREATE [UNIQUE] INDEX name ON …` statement.
    public static func name(of statement: String) -> String {
        let words = statement.split(separator: " ")
        guard let on = words.firstIndex(of: "ON"), on > 0 else { return "" }
        return String(words[on - 1])
    }
}
