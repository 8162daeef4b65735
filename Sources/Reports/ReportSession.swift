import Foundation
public import Results

/// A report database being written one run at a time (docs/reports.md, "The report file"), so that a
/// comparison can store its first runs while later ones still simulate.
///
/// The file is built as `<path>.partial` in the same folder with journaling and syncing off, one
/// transaction per run, indexes created before the rows (they mostly arrive in key order) and
/// views after them; `finish` syncs it and renames it over `path`. A session that fails or is
/// dropped before `finish` removes its partial file and leaves any previous report at `path`
/// untouched. Owned by one thread at a time.
public final class ReportSession: RunResultSink {
    /// Where the report goes once finished.
    public let path: String
    private let temporary: String
    /// Open until `finish` (internal: `ReportSession+Rows` writes further tables through it).
    var db: SQLiteConnection?
    private var inserter: RowInserter
    private var nextRunID: Int64 = 1
    private var finished = false

    /// Creates the partial file (and the report's folder when missing) with the schema.
    ///
    /// - Throws: `ReportError` (`.io` when the folder or file cannot be written, `.sqlite` when
    ///   SQLite fails).
    public init(path: String) throws(ReportError) {
        self.path = path
        temporary = path + ".partial"
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        } catch {
            throw ReportError(.io, "\(directory): cannot create the report folder (\(error.localizedDescription))")
        }
        unlink(temporary)
        inserter = .empty
        do throws(ReportError) {
            let db = try SQLiteConnection(path: temporary, readOnly: false, create: true)
            try db.execute(
                """
                PRAGMA page_size = 8192;
                PRAGMA journal_mode = OFF;
                PRAGMA synchronous = OFF;
                PRAGMA locking_mode = EXCLUSIVE;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -65536;
                PRAGMA application_id = \(ReportSchema.applicationID);
                PRAGMA user_version = \(ReportSchema.version);
                """)
            // Indexes before the rows: the rows arrive in (or close to) key order for most of them,
            // so each index grows at its end; building them afterwards rescans and sorts every
            // table (docs/performance.md).
            try db.execute("BEGIN;\n" + ReportSchema.tableSQL + "\n" + ReportSchema.indexSQL + "\nCOMMIT;")
            inserter = try RowInserter(db)
            self.db = db
        } catch {
            inserter = .empty
            unlink(temporary)
            throw error
        }
    }

    deinit {
        if !finished {
            inserter = .empty
            db = nil
            unlink(temporary)
        }
    }

    /// Writes one run in its own transaction, as the next run id (1, 2, …). A run simulated
    /// without its result digest gets it computed on another core while its rows are written.
    ///
    /// - Returns: The run's id and result digest.
    @discardableResult
    public func append(_ run: RunResult) throws(ReportError) -> (id: Int64, resultDigest: String) {
        try append(run, failBefore: nil)
    }

    /// `append`, failing just before table `failBefore` (tests of the atomic replace).
    func append(_ run: RunResult, failBefore: String?) throws(ReportError) -> (id: Int64, resultDigest: String) {
        guard let db, !finished else { throw ReportError(.io, "\(path): the report is closed") }
        let runID = nextRunID
        let digest: String
        do throws(ReportError) {
            try db.execute("BEGIN;")
            digest = try inserter.insert(run, runID: runID, failBefore: failBefore)
            try db.execute("COMMIT;")
        } catch {
            abandon()
            throw error
        }
        nextRunID += 1
        return (runID, digest)
    }

    /// Creates the views, closes the database, syncs it and moves it into place.
    public func finish() throws(ReportError) {
        guard let db, !finished else { throw ReportError(.io, "\(path): the report is closed") }
        do throws(ReportError) {
            inserter = .empty
            try db.execute("BEGIN;\n" + ReportSchema.viewSQL + "\nCOMMIT;")
            try db.execute("PRAGMA journal_mode = DELETE;")
            self.db = nil
            try Self.syncFile(temporary)
            guard rename(temporary, path) == 0 else {
                throw ReportError(.io, "\(path): cannot move the report into place (\(ReportWriter.errnoText()))")
            }
            finished = true
        } catch {
            abandon()
            throw error
        }
    }

    private func abandon() {
        inserter = .empty
        db = nil
        unlink(temporary)
    }

    private static func syncFile(_ path: String) throws(ReportError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ReportError(.io, "\(path): cannot open for sync (\(ReportWriter.errnoText()))") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ReportError(.io, "\(path): fsync failed (\(ReportWriter.errnoText()))") }
    }
}
