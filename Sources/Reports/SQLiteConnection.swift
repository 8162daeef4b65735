import CSQLite
import Market
import Results

/// A thin owner of one `sqlite3*` handle: open, execute, prepare, close. Owned by one writer or
/// reader at a time; not `Sendable`.
final class SQLiteConnection {
    let handle: OpaquePointer
    let path: String

    /// SQLite's process-wide settings, made once before the first connection opens.
    private static let configured: Int32 = hedgesim_sqlite_configure()

    /// Opens (or, with `create`, creates) a database file.
    init(path: String, readOnly: Bool, create: Bool = false) throws(ReportError) {
        _ = Self.configured
        var db: OpaquePointer?
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create { flags |= SQLITE_OPEN_CREATE }
        flags |= SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw ReportError(.sqlite, "\(path): cannot open database (\(message))", sqliteCode: code)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// The error for a failed call, with SQLite's message and the statement it concerned.
    func error(_ code: Int32, _ context: String) -> ReportError {
        let message = String(cString: sqlite3_errmsg(handle))
        return ReportError(.sqlite, "\(path): \(message) (\(context))", sqliteCode: code)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(ReportError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, Self.abbreviate(sql)) }
    }

    /// Compiles one statement.
    func prepare(_ sql: String) throws(ReportError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, Self.abbreviate(sql)) }
        return SQLiteStatement(statement, connection: self)
    }

    /// Runs a query and returns the first column of the first row as an integer (nil when no row
    /// or NULL).
    func scalarInt(_ sql: String) throws(ReportError) -> Int64? {
        let statement = try prepare(sql)
        guard try statement.step(), statement.columnType(0) != SQLITE_NULL else { return nil }
        return statement.int64(0)
    }

    static func abbreviate(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }
            .joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(77)) + "..." : flat
    }
}

/// SQLite's `SQLITE_TRANSIENT`: SQLite copies bound text before the call returns.
let sqliteTransient = hedgesim_sqlite_transient()
/// SQLite's `SQLITE_STATIC`: the bound bytes stay valid until the statement is stepped and reset.
let sqliteStatic = hedgesim_sqlite_static()

/// A prepared statement with a running bind index: bind the parameters of one row in order, then
/// `insert()` (or `step()` for queries). Not `Sendable`.
///
/// Text parameters are copied into a per-statement arena and bound with `SQLITE_STATIC`, which
/// spares SQLite a `malloc`/`free` per value; the arena is reused after each `insert()`.
final class SQLiteStatement {
    let handle: OpaquePointer
    let connection: SQLiteConnection
    /// The next parameter index (1-based).
    var index: Int32 = 1
    /// Rows per execution of a multi-row insert (`VALUES (…), (…), …`), 1 otherwise.
    var rowsPerStep = 1
    /// Rows bound since the last execution.
    private(set) var rowsBound = 0
    private let arena: UnsafeMutablePointer<UInt8>
    private let arenaCapacity = 1 << 16
    private var arenaUsed = 0
    private var days = ISO8601.DayCache()

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        sqlite3_finalize(handle)
        arena.deallocate()
    }

    // MARK: Binding

    @inline(__always) func bindNull() {
        sqlite3_bind_null(handle, index)
        index += 1
    }

    @inline(__always) func bind(_ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
        index += 1
    }

    @inline(__always) func bind(_ value: Int) { bind(Int64(value)) }

    @inline(__always) func bind(_ value: Int64?) {
        if let value { bind(value) } else { bindNull() }
    }

    @inline(__always) func bind(_ value: Int?) {
        if let value { bind(Int64(value)) } else { bindNull() }
    }

    @inline(__always) func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    /// A finite double; NaN and infinities become NULL.
    @inline(__always) func bind(_ value: Double) {
        if value.isFinite {
            sqlite3_bind_double(handle, index, value)
            index += 1
        } else {
            bindNull()
        }
    }

    @inline(__always) func bind(_ value: Double?) {
        if let value { bind(value) } else { bindNull() }
    }

    /// Binds UTF-8 bytes as text: copied into the arena when they fit, else copied by SQLite.
    @inline(__always) func bindText(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        if arenaUsed + count <= arenaCapacity {
            let target = arena + arenaUsed
            if let source = bytes.baseAddress, count > 0 { target.update(from: source, count: count) }
            arenaUsed += count
            sqlite3_bind_text(
                handle, index, UnsafeRawPointer(target).assumingMemoryBound(to: CChar.self), Int32(count), sqliteStatic)
        } else {
            let source = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(handle, index, source, Int32(count), sqliteTransient)
        }
        index += 1
    }

    @inline(__always) func bind(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ bindText($0) }) == nil {
            var copy = text
            copy.withUTF8 { bindText($0) }
        }
    }

    @inline(__always) func bind(_ text: String?) {
        if let text { bind(text) } else { bindNull() }
    }

    /// A time as ISO-8601 UTC text with milliseconds (`2026-02-01T00:00:00.000Z`), formatted
    /// straight into the arena.
    @inline(__always) func bind(_ time: Timestamp) {
        guard arenaUsed + ISO8601.maxLength <= arenaCapacity else {
            bind(time.iso8601)
            return
        }
        let target = arena + arenaUsed
        // The cache is copied in and out: no access to the stored property spans the call.
        var cache = days
        let count = ISO8601.write(time, to: target, cache: &cache)
        days = cache
        arenaUsed += count
        sqlite3_bind_text(
            handle, index, UnsafeRawPointer(target).assumingMemoryBound(to: CChar.self), Int32(count), sqliteStatic)
        index += 1
    }

    @inline(__always) func bind(_ time: Timestamp?) {
        if let time { bind(time) } else { bindNull() }
    }

    /// A fixed-point value given by its count of 10⁻⁸ units, as two parameters: the REAL value and
    /// the exact count (both NULL for nil).
    @inline(__always) func bindDecimal(raw: Int64?) {
        if let raw {
            sqlite3_bind_double(handle, index, Double(raw) / 1e8)
            sqlite3_bind_int64(handle, index + 1, raw)
            index += 2
        } else {
            bindNull()
            bindNull()
        }
    }

    // MARK: Running

    /// Executes a bound insert/update and resets for the next row.
    @inline(__always) func insert() throws(ReportError) {
        let code = sqlite3_step(handle)
        index = 1
        arenaUsed = 0
        rowsBound = 0
        guard code == SQLITE_DONE else {
            let error = connection.error(code, SQLiteConnection.abbreviate(sql))
            sqlite3_reset(handle)
            throw error
        }
        sqlite3_reset(handle)
    }

    /// Ends one row of a (possibly multi-row) insert: executes once `rowsPerStep` rows are bound.
    @inline(__always) func endRow() throws(ReportError) {
        rowsBound += 1
        if rowsBound == rowsPerStep { try insert() }
    }

    /// Steps a query: true when a row is available.
    func step() throws(ReportError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw connection.error(code, SQLiteConnection.abbreviate(sql))
    }

    /// Resets a query for new bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        index = 1
        arenaUsed = 0
    }

    var sql: String { sqlite3_sql(handle).map { String(cString: $0) } ?? "" }

    // MARK: Reading

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    func columnName(_ column: Int) -> String {
        sqlite3_column_name(handle, Int32(column)).map { String(cString: $0) } ?? ""
    }

    func columnType(_ column: Int) -> Int32 { sqlite3_column_type(handle, Int32(column)) }

    func int64(_ column: Int) -> Int64 { sqlite3_column_int64(handle, Int32(column)) }

    func double(_ column: Int) -> Double { sqlite3_column_double(handle, Int32(column)) }

    func text(_ column: Int) -> String {
        guard let bytes = sqlite3_column_text(handle, Int32(column)) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, Int32(column)))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The current row's value in a column.
    func value(_ column: Int) -> ReportValue {
        switch columnType(column) {
        case SQLITE_INTEGER: .integer(int64(column))
        case SQLITE_FLOAT: .real(double(column))
        case SQLITE_NULL: .null
        default: .text(text(column))
        }
    }
}
