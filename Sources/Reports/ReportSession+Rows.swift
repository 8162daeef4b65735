/// Further tables in a report being written: a caller with tables of its own (the sweep report)
/// creates them and writes its rows through the session, so its file gets the same atomic
/// `<path>.partial` + rename as every report.
extension ReportSession {
    /// Runs SQL statements (`CREATE TABLE`, `CREATE VIEW`, …) on the partial file.
    ///
    /// - Throws: `ReportError` (`.io` once the session is finished or abandoned, `.sqlite`).
    public func execute(_ sql: String) throws(ReportError) {
        guard let db else { throw ReportError(.io, "\(path): the report is closed") }
        try db.execute(sql)
    }

    /// Inserts rows into `table` (one transaction); each row has one value per column.
    ///
    /// - Throws: `ReportError` (`.io` once the session is closed, `.sqlite`).
    public func insert(into table: String, columns: [String], rows: [[ReportValue]]) throws(ReportError) {
        guard let db else { throw ReportError(.io, "\(path): the report is closed") }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let statement = try db.prepare(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))")
        try db.execute("BEGIN;")
        for row in rows {
            for value in row {
                switch value {
                case .null: statement.bindNull()
                case .integer(let v): statement.bind(v)
                case .real(let v): statement.bind(v)
                case .text(let v): statement.bind(v)
                }
            }
            try statement.insert()
        }
        try db.execute("COMMIT;")
    }
}
