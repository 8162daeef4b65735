import CSQLite
import Foundation

/// An open report database for reading (export, summaries, tests).
///
/// Opening checks that the file exists (`.missingDatabase`), is a hedgesim report
/// (`.notAReport`) and has this version's schema (`.unsupportedVersion`, naming the file's
/// `user_version`). Not `Sendable`: one owner at a time.
public final class ReportDatabase {
    let connection: SQLiteConnection
    public let path: String

    /// Opens a report read-only (or writable, for the timings update).
    public init(path: String, writable: Bool = false) throws(ReportError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportError(.missingDatabase, "\(path): no such report database")
        }
        self.path = path
        do throws(ReportError) {
            connection = try SQLiteConnection(path: path, readOnly: !writable)
            let application = try connection.scalarInt("PRAGMA application_id")
            guard application == Int64(ReportSchema.applicationID) else {
                throw ReportError(.notAReport, "\(path): not a hedgesim report (application_id \(application ?? 0))")
            }
            let version = try connection.scalarInt("PRAGMA user_version") ?? 0
            guard version == Int64(ReportSchema.version) else {
                let which =
                    version > Int64(ReportSchema.version)
                    ? "a newer hedgesim; this one reads schema version \(ReportSchema.version)"
                    : "an older hedgesim; this one reads schema version \(ReportSchema.version), run the scenario again"
                throw ReportError(
                    .unsupportedVersion, "\(path): report written by \(which) (user_version \(version))")
            }
        } catch {
            guard error.kind == .sqlite else { throw error }
            throw ReportError(.notAReport, "\(path): not a hedgesim report (\(error.message))")
        }
    }

    /// A query's column names and rows.
    public struct Rows: Sendable, Hashable {
        public var columns: [String]
        public var rows: [[ReportValue]]

        /// The value of `column` in row `row`.
        public func value(_ row: Int, _ column: String) -> ReportValue {
            guard let index = columns.firstIndex(of: column) else { return .null }
            return rows[row][index]
        }
    }

    /// Runs a query with positional parameters (`?`) and returns every row.
    public func query(_ sql: String, _ parameters: [ReportValue] = []) throws(ReportError) -> Rows {
        let statement = try connection.prepare(sql)
        for parameter in parameters {
            switch parameter {
            case .null: statement.bindNull()
            case .integer(let value): statement.bind(value)
            case .real(let value): statement.bind(value)
            case .text(let value): statement.bind(value)
            }
        }
        let count = statement.columnCount
        let columns = (0..<count).map(statement.columnName)
        var rows: [[ReportValue]] = []
        while try statement.step() {
            rows.append((0..<count).map(statement.value))
        }
        return Rows(columns: columns, rows: rows)
    }

    /// Runs a query row by row without collecting it.
    func forEachRow(
        _ sql: String, _ parameters: [ReportValue], columns: ([String]) throws(ReportError) -> Void,
        row: (SQLiteStatement) throws(ReportError) -> Void
    ) throws(ReportError) {
        let statement = try connection.prepare(sql)
        for parameter in parameters {
            switch parameter {
            case .null: statement.bindNull()
            case .integer(let value): statement.bind(value)
            case .real(let value): statement.bind(value)
            case .text(let value): statement.bind(value)
            }
        }
        try columns((0..<statement.columnCount).map(statement.columnName))
        while try statement.step() { try row(statement) }
    }

    /// The runs in the file: id, label and `same_direction`, by id.
    public func runs() throws(ReportError) -> [(id: Int64, label: String, sameDirection: String)] {
        try query("SELECT run_id, label, same_direction FROM runs ORDER BY run_id").rows.map {
            (id: $0[0].int ?? 0, label: $0[1].string ?? "", sameDirection: $0[2].string ?? "")
        }
    }

    /// Resolves `--run` ids and `--mode` names to run ids (all runs when both are empty).
    ///
    /// A mode matches a run whose label or `same_direction` equals it.
    /// - Throws: `.unknownRun` naming the runs there are.
    public func selectRuns(ids: [Int64] = [], modes: [String] = []) throws(ReportError) -> [Int64] {
        let all = try runs()
        let known = all.map { "\($0.id) (\($0.label))" }.joined(separator: ", ")
        if ids.isEmpty && modes.isEmpty { return all.map(\.id) }
        var selected: [Int64] = []
        for id in ids {
            guard all.contains(where: { $0.id == id }) else {
                throw ReportError(.unknownRun, "\(path): no run \(id); runs: \(known)")
            }
            if !selected.contains(id) { selected.append(id) }
        }
        for mode in modes {
            let matches = all.filter { $0.label == mode || $0.sameDirection == mode }.map(\.id)
            guard !matches.isEmpty else {
                throw ReportError(.unknownRun, "\(path): no run with label or same_direction `\(mode)`; runs: \(known)")
            }
            for id in matches where !selected.contains(id) { selected.append(id) }
        }
        return selected.sorted()
    }

    /// Column names of a table or view as stored in the file.
    public func columns(of object: String) throws(ReportError) -> [String] {
        try query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(object)]).rows.compactMap {
            $0[0].string
        }
    }
}
