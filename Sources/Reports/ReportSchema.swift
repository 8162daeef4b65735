public import Results

/// The report database's tables, indexes and views (docs/reports.md, "The report file").
///
/// Every table carries `run_id`. Fixed-point values (prices, quantities, money, rates) are stored
/// twice: `name REAL` for analytics (`SUM`, pandas) and `name_e8 INTEGER`, the exact value in
/// 10⁻⁸ units. Views aggregate the `_e8` columns (exact integer sums) and divide once by 1e8;
/// `hedgesim export` prints `name` from `name_e8`, so exported decimals are exact. Times are
/// ISO-8601 UTC text with milliseconds (`2026-02-01T00:00:00.000Z`), which sorts as time does.
public enum ReportSchema {
    /// `PRAGMA application_id` of a hedgesim report ("HSIM").
    public static let applicationID: Int32 = 0x4853_494D
    /// `PRAGMA user_version`: the schema version. Bump it with any change to a table or view.
    public static let version: Int32 = 3

    /// Every table, in creation (and export) order; each is defined by its record type's column
    /// list (`ResultRecord`).
    public static var tables: [ResultTable] { ResultSchema.tables }

    /// Every view, in creation (and export) order.
    public static var views: [ReportViewDefinition] { ReportViews.all }

    /// The names of every table (the run tables, then `compare_vs_first`), in export order.
    public static var tableNames: [String] { tables.map(\.name) + [CompareVsFirst.name] }

    /// The names of every view, in export order.
    public static var viewNames: [String] { views.map(\.name) }

    /// The names of every table and view.
    public static var objectNames: [String] { tableNames + viewNames }

    /// The table of a name.
    public static func table(_ name: String) -> ResultTable? { ResultSchema.table(name) }

    /// The `CREATE TABLE` statements.
    public static var tableSQL: String {
        (tables.map(\.createSQL) + [CompareVsFirst.createSQL]).joined(separator: "\n")
    }

    /// The `CREATE INDEX` statements of an index choice (docs/reports.md, "Indexes").
    public static func indexSQL(_ indexes: ReportIndexes) -> String {
        indexes.statements(tables).joined(separator: "\n")
    }

    /// The `CREATE VIEW` statements.
    public static var viewSQL: String { views.map(\.createSQL).joined(separator: "\n") }
}

/// A view of the report and the order its rows are exported in.
public struct ReportViewDefinition: Sendable, Hashable {
    public var name: String
    /// The `SELECT` that defines it.
    public var select: String
    /// The `ORDER BY` of an export; also the view's own order.
    public var order: String

    public var createSQL: String { "CREATE VIEW \(name) AS\n\(select)\nORDER BY \(order);" }
}
