import Market

/// A result table: its name, its columns (from its record type's column list), the indexes the
/// report builds, the order an export lists its rows in, and the section of the result digest
/// that holds its rows.
///
/// Every table starts with `run_id INTEGER`, which column lists leave implicit.
public struct ResultTable: Sendable, Hashable {
    public var name: String
    /// The digest section (`#name` line) holding the rows; nil when the digest leaves the table
    /// out or takes its rows into the parent's rows.
    public var digestName: String?
    /// Every declared column (report and digest), in list order.
    public var columns: [ResultColumnDefinition]
    /// `CREATE INDEX` statements.
    public var indexes: [String]
    /// The `ORDER BY` of an export (insertion order).
    public var order: String
    /// The digest fields in the order the digest takes them, as positions among the record's
    /// digest fields in list order; nil when that is list order.
    public var digestOrder: [Int]?

    /// Describes the table of `Record` from its column list.
    public init<Record: ResultRecord>(
        _ record: Record.Type, _ name: String, digest digestName: String?, indexes: [String], order: String
    ) {
        var reader = ColumnListReader<Record>()
        Record.columns(&reader)
        self.name = name
        self.digestName = digestName
        self.columns = reader.columns
        self.indexes = indexes
        self.order = order
        self.digestOrder = Self.digestOrder(reader.columns.map(\.column))
        precondition(digestOrder == nil || !reader.hasDigestChildren, "\(name): a reordered digest row with children")
    }

    /// The stored columns (`run_id` first), each with its kind.
    public var reportColumns: [ResultColumnDefinition] {
        [ResultColumnDefinition(column: .report("run_id"), kind: .integer)] + columns.filter(\.column.inReport)
    }

    /// The SQL column names, with the `_e8` companions of decimals.
    public var columnNames: [String] {
        reportColumns.flatMap { $0.kind == .decimal ? [$0.name, $0.name + "_e8"] : [$0.name] }
    }

    /// The names of the digest fields in the order the digest takes them.
    public var digestFieldNames: [String] {
        let names = columns.filter(\.column.inDigest).map(\.name)
        return digestOrder.map { $0.map { names[$0] } } ?? names
    }

    /// `CREATE TABLE name (…);`
    public var createSQL: String {
        "CREATE TABLE \(name) (\n    "
            + reportColumns.flatMap { $0.kind.declarations($0.name) }.joined(separator: ",\n    ") + "\n);"
    }

    /// `INSERT INTO name (…) VALUES (?, …), …` for `rows` rows.
    public func insertSQL(rows: Int = 1) -> String {
        let names = columnNames
        let row = "(" + Array(repeating: "?", count: names.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(name) (\(names.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// The digest order of a column list: list order, each `digestAfter` column moved right after
    /// the one it names (in list order of the moved columns); nil when nothing moves.
    static func digestOrder(_ columns: [ResultColumn]) -> [Int]? {
        let digested = columns.filter(\.inDigest)
        guard digested.contains(where: { $0.digestAfter != nil }) else { return nil }
        var order = Array(digested.indices)
        for (index, column) in digested.enumerated() {
            guard let after = column.digestAfter else { continue }
            order.removeAll { $0 == index }
            guard let anchor = order.firstIndex(where: { digested[$0].name == after }) else {
                preconditionFailure("\(column.name): digestAfter names no digest field `\(after)`")
            }
            order.insert(index, at: anchor + 1)
        }
        return order
    }
}

/// Collects a column list's names, kinds and uses without reading any record.
struct ColumnListReader<Record>: ResultColumnVisitor {
    var columns: [ResultColumnDefinition] = []
    var hasDigestChildren = false

    mutating func integer(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        columns.append(ResultColumnDefinition(column: column, kind: .integer))
    }

    mutating func real(_ column: ResultColumn, _ value: (Record, RowContext) -> Double?) {
        columns.append(ResultColumnDefinition(column: column, kind: .real))
    }

    mutating func text(_ column: ResultColumn, _ value: (Record, RowContext) -> String?) {
        columns.append(ResultColumnDefinition(column: column, kind: .text))
    }

    mutating func time(_ column: ResultColumn, _ value: (Record, RowContext) -> Timestamp?) {
        columns.append(ResultColumnDefinition(column: column, kind: .time))
    }

    mutating func flag(_ column: ResultColumn, _ value: (Record, RowContext) -> Bool) {
        columns.append(ResultColumnDefinition(column: column, kind: .flag))
    }

    mutating func decimal(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        columns.append(ResultColumnDefinition(column: column, kind: .decimal))
    }

    mutating func digestChildren<Child: ResultRecord>(_ children: (Record) -> [Child]) {
        hasDigestChildren = true
    }
}
