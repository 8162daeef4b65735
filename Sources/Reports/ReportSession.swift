import Foundation
public import Market
public import Results

/// A report database being written one run at a time (docs/reports.md, "The report file"), so that a
/// comparison can store its first runs while later ones still simulate.
///
/// The file is built as the `OutputFile`'s temporary file in the same folder (under the
/// report's lock) with journaling and syncing off, one transaction per run, the `minimal` indexes
/// created before the rows (they mostly arrive in key order) or the `live` ones after them
/// (docs/reports.md, "Indexes"), and views last; `finish` syncs it and renames it over `path`. A
/// session that fails, is cancelled or is dropped before `finish` removes its temporary file and
/// leaves any previous report at `path` untouched; the lock is held until the session is dropped.
/// Owned by one thread at a time.
public final class ReportSession: RunResultSink {
    /// Where the report goes once finished.
    public let path: String
    private let temporary: String
    private let output: OutputFile
    /// Open until `finish` (internal: `ReportSession+Rows` writes further tables through it).
    var db: SQLiteConnection?
    private var inserter: RowInserter
    private var nextRunID: Int64 = 1
    private var finished = false
    /// The next run's rows already streamed in, inside its open transaction (`stream`).
    private var streamed: StreamedRows?
    /// The index set; built before the rows or in `finish` (`ReportIndexes.beforeRows`).
    private let indexes: ReportIndexes

    /// Creates the temporary file (and the report's folder when missing) with the schema.
    ///
    /// - Parameters:
    ///   - output: The report's output file, already opened (and locked) by the caller; nil opens
    ///     `path` here.
    ///   - indexes: The index set (docs/reports.md, "Indexes").
    /// - Throws: `ReportError` (`.output` when the path is refused or locked, `.io` when the
    ///   folder or file cannot be written, `.sqlite` when SQLite fails).
    public init(path: String, output: OutputFile? = nil, indexes: ReportIndexes = .minimal) throws(ReportError) {
        self.path = path
        self.indexes = indexes
        if let output {
            self.output = output
        } else {
            do throws(OutputFileError) {
                self.output = try OutputFile(path: path, role: "report")
            } catch {
                throw ReportError(error)
            }
        }
        temporary = self.output.temporaryPath
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
                PRAGMA secure_delete = OFF;
                PRAGMA cache_size = -16384;
                PRAGMA application_id = \(ReportSchema.applicationID);
                PRAGMA user_version = \(ReportSchema.version);
                """)
            let early = indexes.beforeRows ? "\n" + ReportSchema.indexSQL(indexes) : ""
            try db.execute("BEGIN;\n" + ReportSchema.tableSQL + early + "\nCOMMIT;")
            inserter = try RowInserter(db)
            self.db = db
        } catch {
            inserter = .empty
            self.output.abandon()
            throw error
        }
    }

    deinit {
        if !finished {
            inserter = .empty
            db = nil
            output.abandon()
        }
    }

    /// Writes one run in its own transaction, as the next run id (1, 2, …). A run simulated
    /// without its result digest gets it computed on another core while its rows are written.
    ///
    /// - Returns: The run's id and result digest.
    @discardableResult
    public func append(_ run: consuming RunResult) throws(ReportError) -> (id: Int64, resultDigest: String) {
        try append(consume run, failBefore: nil)
    }

    /// Writes rows of the next run that its simulation streams while it goes on
    /// (`RunRowStream`), in the run's transaction, which `append` of that run completes: the
    /// report gets the same rows as from `append` alone.
    ///
    /// - Throws: `ReportError` (`.io` once the session is closed, `.sqlite`); the session is then
    ///   abandoned.
    public func stream(_ chunk: RunRowStream.Chunk) throws(ReportError) {
        guard let db, !finished else { throw ReportError(.io, "\(path): the report is closed") }
        do throws(ReportError) {
            var rows = streamed ?? StreamedRows()
            if streamed == nil { try db.execute("BEGIN;") }
            try inserter.insert(chunk, runID: nextRunID, streamed: &rows)
            streamed = rows
        } catch {
            abandon()
            throw error
        }
    }

    /// `append`, failing just before table `failBefore` (tests of the atomic replace).
    func append(
        _ run: consuming RunResult, failBefore: String?
    ) throws(ReportError) -> (id: Int64, resultDigest: String) {
        guard let db, !finished else { throw ReportError(.io, "\(path): the report is closed") }
        let runID = nextRunID
        let digest: String
        do throws(ReportError) {
            if streamed == nil { try db.execute("BEGIN;") }
            digest = try inserter.insert(
                consume run, runID: runID, streamed: streamed ?? StreamedRows(), failBefore: failBefore)
            try db.execute("COMMIT;")
        } catch {
            abandon()
            throw error
        }
        streamed = nil
        nextRunID += 1
        return (runID, digest)
    }

    /// Creates the views, closes the database, syncs it and moves it into place, unless
    /// `isCancelled` (asked just before the rename) says to stop: then the report is abandoned
    /// and this throws `.output(.cancelled)`.
    public func finish(isCancelled: () -> Bool) throws(ReportError) {
        guard let db, !finished else { throw ReportError(.io, "\(path): the report is closed") }
        guard streamed == nil else {
            abandon()
            throw ReportError(.io, "\(path): run \(nextRunID) was streamed but never appended")
        }
        do throws(ReportError) {
            inserter = .empty
            let late = indexes.beforeRows ? "" : ReportSchema.indexSQL(indexes) + "\n"
            try db.execute("BEGIN;\n" + late + ReportSchema.viewSQL + "\nCOMMIT;")
            try db.execute("PRAGMA journal_mode = DELETE;")
            self.db = nil
            do throws(OutputFileError) {
                try output.commit(isCancelled: isCancelled)
            } catch {
                throw ReportError(error)
            }
            finished = true
        } catch {
            abandon()
            throw error
        }
    }

    /// `finish` without a cancellation check.
    public func finish() throws(ReportError) { try finish(isCancelled: { false }) }

    private func abandon() {
        inserter = .empty
        db = nil
        output.abandon()
    }
}
