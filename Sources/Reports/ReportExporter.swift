import CSQLite
import Foundation
import Market
import Results

/// A file format of `hedgesim export`.
public enum ReportExportFormat: String, Sendable, Hashable, CaseIterable {
    /// RFC 4180 CSV (CRLF, header row, UTF-8).
    case csv
    /// JSON Lines: one object per row, keys in column order, LF.
    case jsonl
}

/// Writes tables and views of a report as one file per object (docs/reports.md, "hedgesim export").
///
/// Rows are filtered by run and written in the object's documented order. A decimal column
/// `x` whose `x_e8` companion is in the result is printed exactly from `x_e8`, and the `_e8`
/// columns are left out; other REAL values print as their shortest round-trip decimal, never
/// in exponent form. Times are the stored ISO-8601 text.
public enum ReportExporter {
    /// Exports `objects` (default: every table, then every view; for a sweep report, `catalog`'s)
    /// of the selected runs.
    ///
    /// - Parameters:
    ///   - database: The report file.
    ///   - runIDs: `--run` ids; with `modes` empty and this empty, every run.
    ///   - modes: `--mode` names (a run's label or `same_direction`).
    ///   - objects: Table and view names.
    ///   - directory: Created if missing; files are `<object>.csv` or `<object>.jsonl`.
    ///   - wait: Wait for another writer of the same files instead of failing.
    ///   - isCancelled: Asked before the files replace the previous ones.
    /// - Returns: The paths written, in order.
    /// - Throws: `.missingDatabase`, `.notAReport`, `.unsupportedVersion`, `.unknownObject`,
    ///   `.unknownRun`, `.usage` (`--run`/`--mode` with an object without `run_id`), `.io`,
    ///   `.output` (a refused, locked or cancelled output).
    ///
    /// Every file is written to its temporary file first; only when all are complete are they
    /// moved into place, so a failure leaves the folder as it was and no temporary file behind.
    @discardableResult
    public static func export(
        database: String, runIDs: [Int64] = [], modes: [String] = [], objects: [String] = [], to directory: String,
        format: ReportExportFormat = .csv, wait: Bool = false, isCancelled: () -> Bool = { false }
    ) throws(ReportError) -> [String] {
        let db = try ReportDatabase(path: database)
        let available = try catalog(db)
        let known = available.objectNames
        let names = objects.isEmpty ? known : objects
        for name in names where !known.contains(name) {
            var message = "\(database): no table or view `\(name)`"
            if let hint = closest(to: name, among: known) { message += "; did you mean `\(hint)`?" }
            message +=
                " (tables: \(available.tables.joined(separator: ", ")); views: "
                + "\(available.views.joined(separator: ", ")))"
            throw ReportError(.unknownObject, message)
        }
        var hasRunID: [Bool] = []
        for name in names {
            let runColumn = try db.columns(of: name).contains("run_id")
            if !runColumn && !(runIDs.isEmpty && modes.isEmpty) {
                throw ReportError(
                    .usage,
                    "\(database): `\(name)` has no run_id column; --run and --mode select runs of a run report's "
                        + "tables (export a sweep table whole)")
            }
            hasRunID.append(runColumn)
        }
        let runs = try db.selectRuns(ids: runIDs, modes: modes)
        var info = stat()
        if stat(directory, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw ReportError(.output(.notARegularFile), "\(directory): is not a folder; nothing exported")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ReportError(.io, "\(directory): cannot create the export folder (\(error.localizedDescription))")
        }
        let paths = names.map { directory + "/" + $0 + "." + format.rawValue }
        var outputs: [OutputFile] = []
        do throws(OutputFileError) {
            try OutputFile.requireDistinct(
                outputs: paths.map { ("the export file", $0) }, inputs: [("the report", database)])
            for path in paths {
                outputs.append(try OutputFile(path: path, role: "export file", wait: wait, isCancelled: isCancelled))
            }
        } catch {
            throw ReportError(error)
        }
        for (index, (name, output)) in zip(names, outputs).enumerated() {
            let sql: String
            if hasRunID[index] {
                let order =
                    ReportSchema.table(name)?.order ?? ReportSchema.views.first { $0.name == name }?.order ?? "run_id"
                let filter = runs.map(String.init).joined(separator: ", ")
                sql = "SELECT * FROM \(quoted(name)) WHERE run_id IN (\(filter)) ORDER BY \(order)"
            } else if available.views.contains(name) {
                // A sweep view: its own ORDER BY.
                sql = "SELECT * FROM \(quoted(name))"
            } else {
                // A sweep table: by its primary key, else in insertion order.
                let key = try db.query(
                    "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [.text(name)]
                ).rows.compactMap { $0.first?.string }
                sql =
                    "SELECT * FROM \(quoted(name)) ORDER BY "
                    + (key.isEmpty ? "rowid" : key.map(quoted).joined(separator: ", "))
            }
            try writeFile(db: db, sql: sql, output: output, format: format)
        }
        do throws(OutputFileError) {
            for output in outputs { try output.commit(isCancelled: isCancelled) }
        } catch {
            throw ReportError(error)
        }
        return paths
    }

    /// The tables and views `export` writes from one report, in export order.
    public struct Catalog: Sendable, Hashable {
        public var tables: [String]
        public var views: [String]
        /// True for a sweep report (it has the `sweeps` table).
        public var isSweep: Bool

        public var objectNames: [String] { tables + views }
    }

    /// What the report at `database` can export: a run report's tables and views
    /// (`ReportSchema`); for a sweep report its sweep tables and views as the file holds them (in
    /// creation order), then the run tables and views when it has runs (`report.detail: full`).
    ///
    /// - Throws: `.missingDatabase`, `.notAReport`, `.unsupportedVersion`.
    public static func catalog(database: String) throws(ReportError) -> Catalog {
        try catalog(ReportDatabase(path: database))
    }

    static func catalog(_ db: ReportDatabase) throws(ReportError) -> Catalog {
        guard try SweepHTMLReport.isSweepReport(db) else {
            return Catalog(tables: ReportSchema.tableNames, views: ReportSchema.viewNames, isSweep: false)
        }
        let runObjects = ReportSchema.objectNames
        let objects = try db.query(
            """
            SELECT type, name FROM sqlite_master
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite%' ORDER BY rowid
            """)
        var result = Catalog(tables: [], views: [], isSweep: true)
        for row in objects.rows {
            guard let name = row[1].string, !runObjects.contains(name) else { continue }
            if row[0].string == "view" { result.views.append(name) } else { result.tables.append(name) }
        }
        let hasRuns = (try? db.query("SELECT COUNT(*) FROM runs").rows.first?.first?.int ?? 0).map { $0 > 0 } ?? false
        if hasRuns {
            result.tables += ReportSchema.tableNames
            result.views += ReportSchema.viewNames
        }
        return result
    }

    /// An SQL identifier in double quotes.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// How one output column is printed.
    private struct OutputColumn {
        var name: String
        var source: Int
        /// The `_e8` column to print it exactly from, if any.
        var exact: Int?
    }

    private static func writeFile(
        db: ReportDatabase, sql: String, output: OutputFile, format: ReportExportFormat
    )
        throws(ReportError)
    {
        let path = output.path
        guard let file = fopen(output.temporaryPath, "wb") else {
            throw ReportError(.io, "\(path): cannot create (\(ReportWriter.errnoText()))")
        }
        var closed = false
        defer {
            if !closed { fclose(file) }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws(ReportError) {
            guard !buffer.isEmpty else { return }
            let count = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard count == buffer.count else {
                throw ReportError(.io, "\(path): write failed (\(ReportWriter.errnoText()))")
            }
            buffer.removeAll(keepingCapacity: true)
        }
        var output: [OutputColumn] = []
        var keys: [[UInt8]] = []
        var fields: [String?] = []
        try db.forEachRow(
            sql, [],
            columns: { names throws(ReportError) in
                for (index, name) in names.enumerated() {
                    if name.hasSuffix("_e8"), names.contains(String(name.dropLast(3))) { continue }
                    output.append(OutputColumn(name: name, source: index, exact: names.firstIndex(of: name + "_e8")))
                }
                switch format {
                case .csv: CSVWriter.appendRecord(output.map(\.name), to: &buffer)
                case .jsonl: keys = output.map { Array((JSONString.quoted($0.name) + ":").utf8) }
                }
                fields = Array(repeating: nil, count: output.count)
            },
            row: { statement throws(ReportError) in
                switch format {
                case .csv:
                    for (offset, column) in output.enumerated() {
                        fields[offset] = text(statement, column)
                    }
                    CSVWriter.appendRecord(fields, to: &buffer)
                case .jsonl:
                    buffer.append(UInt8(ascii: "{"))
                    for (offset, column) in output.enumerated() {
                        if offset > 0 { buffer.append(UInt8(ascii: ",")) }
                        buffer.append(contentsOf: keys[offset])
                        appendJSON(statement, column, to: &buffer)
                    }
                    buffer.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
                }
                if buffer.count >= 1 << 20 { try flush() }
            })
        try flush()
        closed = true
        guard fclose(file) == 0 else { throw ReportError(.io, "\(path): close failed (\(ReportWriter.errnoText()))") }
    }

    /// A value as export text; nil for NULL.
    private static func text(_ statement: SQLiteStatement, _ column: OutputColumn) -> String? {
        if let exact = column.exact, statement.columnType(exact) == SQLITE_INTEGER {
            return FixedPointFormatter.shortest(statement.int64(exact))
        }
        switch statement.columnType(column.source) {
        case SQLITE_NULL: return nil
        case SQLITE_INTEGER: return String(statement.int64(column.source))
        case SQLITE_FLOAT: return DoubleText.plain(statement.double(column.source))
        default: return statement.text(column.source)
        }
    }

    private static func appendJSON(_ statement: SQLiteStatement, _ column: OutputColumn, to out: inout [UInt8]) {
        let isText = statement.columnType(column.source) == SQLITE_TEXT
        guard let value = text(statement, column) else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if isText && column.exact == nil {
            out.append(contentsOf: JSONString.quoted(value).utf8)
        } else {
            out.append(contentsOf: value.utf8)
        }
    }

    /// The known name nearest to `name` (edit distance ≤ 3), for a did-you-mean hint.
    static func closest(to name: String, among names: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in names {
            let d = editDistance(Array(name.lowercased().utf8), Array(candidate.utf8))
            if d <= 3, best == nil || d < best!.distance { best = (candidate, d) }
        }
        return best?.name
    }

    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
