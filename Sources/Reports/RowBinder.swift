import Market
import Results

/// Binds a record's report columns to an insert statement, in column-list order, after the run
/// id the caller binds first.
struct RowBinder<Record: ResultRecord>: ResultColumnVisitor {
    var statement: SQLiteStatement
    var record: UnsafePointer<Record>
    var context: RowContext

    @inline(__always) mutating func integer(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        if column.inReport { statement.bind(value(record.pointee, context)) }
    }

    @inline(__always) mutating func real(_ column: ResultColumn, _ value: (Record, RowContext) -> Double?) {
        if column.inReport { statement.bind(value(record.pointee, context)) }
    }

    @inline(__always) mutating func text(_ column: ResultColumn, _ value: (Record, RowContext) -> String?) {
        if column.inReport { statement.bind(value(record.pointee, context)) }
    }

    @inline(__always) mutating func time(_ column: ResultColumn, _ value: (Record, RowContext) -> Timestamp?) {
        if column.inReport { statement.bind(value(record.pointee, context)) }
    }

    @inline(__always) mutating func flag(_ column: ResultColumn, _ value: (Record, RowContext) -> Bool) {
        if column.inReport { statement.bind(value(record.pointee, context)) }
    }

    @inline(__always) mutating func decimal(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?) {
        if column.inReport { statement.bindDecimal(raw: value(record.pointee, context)) }
    }

    /// Child rows go to their own table.
    @inline(__always) mutating func digestChildren<Child: ResultRecord>(_ children: (Record) -> [Child]) {}
}
