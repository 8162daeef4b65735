import TradeEngine

/// The result tables, in the order a report creates, lists and exports them.
public enum ResultSchema {
    public static let tables: [ResultTable] = [
        RunResult.table, RunTimings.table, DecisionRecord.table, OrderRecord.table, FillRecord.table,
        StrategyPosition.table, PositionContribution.table, ExchangePositionRecord.table, FundingRecord.table,
        StrategyShare.table, EquitySample.table, PriceBar.table,
    ]

    /// The table of a name.
    public static func table(_ name: String) -> ResultTable? { tables.first { $0.name == name } }
}
