public import Market

/// A record type stored as the rows of one result table.
///
/// `columns` is the table's only column list: the report's DDL, its row binding and the result
/// digest are derived from it (`ResultTable`, the report writer's row binder, `ResultDigest`).
/// The `run_id` column every table starts with is implicit.
public protocol ResultRecord {
    /// The table's name, digest section, indexes and export order, with its columns.
    static var table: ResultTable { get }

    /// Hands each column with its value accessor to `visitor`, in table order.
    static func columns<V: ResultColumnVisitor>(_ visitor: inout V) where V.Record == Self
}

/// Receives a table's columns in order: a schema reader collects their names and kinds, the
/// report writer binds each value, the digest hashes each value's canonical text.
///
/// Column lists are `@inlinable` and generic over the visitor, so that for a concrete visitor
/// the accessors are inlined: a cell costs what hand-written binding code costs.
public protocol ResultColumnVisitor<Record> {
    associatedtype Record

    /// An `INTEGER` column; nil is NULL (an empty digest field).
    mutating func integer(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?)
    /// A `REAL` column; nil is NULL (an empty digest field).
    mutating func real(_ column: ResultColumn, _ value: (Record, RowContext) -> Double?)
    /// A `TEXT` column; nil is NULL (an empty digest field).
    mutating func text(_ column: ResultColumn, _ value: (Record, RowContext) -> String?)
    /// A time column (ISO-8601 text); nil is NULL (an empty digest field).
    mutating func time(_ column: ResultColumn, _ value: (Record, RowContext) -> Timestamp?)
    /// A 0/1 column.
    mutating func flag(_ column: ResultColumn, _ value: (Record, RowContext) -> Bool)
    /// A fixed-point column given by its raw 10⁻⁸ units; nil is NULL (an empty digest field).
    mutating func decimal(_ column: ResultColumn, _ value: (Record, RowContext) -> Int64?)
    /// Child records that the digest takes into this record's row, after its own fields; the
    /// report stores them in their own table.
    mutating func digestChildren<Child: ResultRecord>(_ children: (Record) -> [Child])
}

extension ResultColumnVisitor {
    /// An integer column of any width.
    @inlinable @inline(__always)
    public mutating func integer<I: BinaryInteger>(_ column: ResultColumn, _ value: (Record) -> I?) {
        integer(column) { record, _ in value(record).map { Int64(truncatingIfNeeded: $0) } }
    }

    @inlinable @inline(__always)
    public mutating func real(_ column: ResultColumn, _ value: (Record) -> Double?) {
        real(column) { record, _ in value(record) }
    }

    @inlinable @inline(__always)
    public mutating func text(_ column: ResultColumn, _ value: (Record) -> String?) {
        text(column) { record, _ in value(record) }
    }

    @inlinable @inline(__always)
    public mutating func time(_ column: ResultColumn, _ value: (Record) -> Timestamp?) {
        time(column) { record, _ in value(record) }
    }

    @inlinable @inline(__always)
    public mutating func flag(_ column: ResultColumn, _ value: (Record) -> Bool) {
        flag(column) { record, _ in value(record) }
    }

    /// A fixed-point column (price, quantity, money, rate).
    @inlinable @inline(__always)
    public mutating func decimal<T: FixedPoint>(_ column: ResultColumn, _ value: (Record) -> T?) {
        decimal(column) { record, _ in value(record)?.raw }
    }

    /// A fixed-point column whose value needs the row's context (position, final marks).
    @inlinable @inline(__always)
    public mutating func decimal<T: FixedPoint>(_ column: ResultColumn, _ value: (Record, RowContext) -> T?) {
        decimal(column) { record, context in value(record, context)?.raw }
    }

    /// An integer column whose value needs the row's context.
    @inlinable @inline(__always)
    public mutating func integer<I: BinaryInteger>(_ column: ResultColumn, _ value: (Record, RowContext) -> I?) {
        integer(column) { record, context in value(record, context).map { Int64(truncatingIfNeeded: $0) } }
    }
}
