import CSQLite
import Foundation
import Market
public import Results
import TradeEngine

/// Writes runs into a new report database (docs/reports.md, "The report file").
///
/// The file is built through a `ReportSession`: a temporary file in the same folder under the
/// report's lock, with journaling and syncing off, one transaction per run, indexes as
/// `ReportSession` builds them (docs/reports.md, "Indexes") and views after them, then synced and
/// renamed over `path`. A write that fails or is interrupted leaves any previous report at `path`
/// untouched.
public enum ReportWriter {
    /// Writes `runs` as run ids 1…n into a new database at `path`, replacing any file there.
    ///
    /// - Returns: The run ids, in the order of `runs`.
    /// - Throws: `ReportError` (`.io` when the folder or file cannot be written, `.sqlite` when
    ///   SQLite fails, e.g. on duplicate trade ids).
    @discardableResult
    public static func write(
        _ runs: [RunResult], to path: String, indexes: ReportIndexes = .minimal
    ) throws(ReportError) -> [Int64] {
        try write(runs, to: path, indexes: indexes, failBefore: nil)
    }

    /// `write`, failing just before table `failBefore` of the last run (tests of the atomic
    /// replace).
    static func write(
        _ runs: [RunResult], to path: String, indexes: ReportIndexes = .minimal, failBefore: String?
    ) throws(ReportError) -> [Int64] {
        let session = try ReportSession(path: path, indexes: indexes)
        var ids: [Int64] = []
        for (offset, run) in runs.enumerated() {
            ids.append(try session.append(run, failBefore: offset == runs.count - 1 ? failBefore : nil).id)
        }
        try session.finish()
        return ids
    }

    /// Replaces the wall-clock timings of a run in an existing report (they are known only after
    /// the report is written, and stay outside the result digest).
    public static func updateTimings(_ timings: RunTimings, runID: Int64, at path: String) throws(ReportError) {
        let db = try ReportDatabase(path: path, writable: true)
        let statement = try db.connection.prepare(
            "UPDATE run_timings SET read_seconds = ?, simulate_seconds = ?, report_seconds = ? WHERE run_id = ?")
        statement.bind(timings.read)
        statement.bind(timings.simulate)
        statement.bind(timings.report)
        statement.bind(runID)
        try statement.insert()
        guard sqlite3_changes(db.connection.handle) == 1 else {
            throw ReportError(.unknownRun, "\(path): no run \(runID)")
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The rows of each streamed table of a run already in the report (`RunRowStream`).
struct StreamedRows {
    var decisions = 0
    var equity = 0

    /// True when nothing is streamed.
    var isEmpty: Bool { decisions == 0 && equity == 0 }
}

/// Prepared inserts for every table, reused across runs: a multi-row statement for full batches
/// and a one-row statement for the tail.
struct RowInserter {
    /// Rows per multi-row insert.
    static let batch = 32
    private var batched: [SQLiteStatement]
    private var single: [SQLiteStatement]

    static var empty: RowInserter { RowInserter(batched: [], single: []) }

    private init(batched: [SQLiteStatement], single: [SQLiteStatement]) {
        self.batched = batched
        self.single = single
    }

    init(_ db: SQLiteConnection) throws(ReportError) {
        batched = []
        single = []
        for table in ReportSchema.tables {
            let statement = try db.prepare(table.insertSQL(rows: Self.batch))
            statement.rowsPerStep = Self.batch
            batched.append(statement)
            single.append(try db.prepare(table.insertSQL()))
        }
    }

    /// Inserts a chunk of rows streamed while the run simulates, after the `streamed` rows of its
    /// table already in; updates `streamed`.
    func insert(_ chunk: RunRowStream.Chunk, runID: Int64, streamed: inout StreamedRows) throws(ReportError) {
        switch chunk {
        case .decisions(let rows):
            try insert(rows, runID: runID, finalMarks: [], seq: { streamed.decisions + $0 + 1 })
            streamed.decisions += rows.count
        case .equity(let rows):
            try insert(rows, runID: runID, finalMarks: [], seq: { streamed.equity + $0 + 1 })
            streamed.equity += rows.count
        }
    }

    /// Inserts every row of one run but the `streamed` ones already in; returns its result digest.
    ///
    /// Each table's rows are dropped once written (and digested, when the digest is computed
    /// here), so the run's memory goes back table by table while it is written: in a comparison
    /// the next run simulates meanwhile (docs/performance.md, "Memory").
    func insert(
        _ run: consuming RunResult, runID: Int64, streamed: StreamedRows = StreamedRows(), failBefore: String?
    )
        throws(ReportError) -> String
    {
        guard streamed.decisions <= run.decisions.count, streamed.equity <= run.equity.count else {
            throw ReportError(.io, "run \(runID): more rows streamed than the run has")
        }
        func check(_ table: ResultTable) throws(ReportError) {
            if table.name == failBefore {
                throw ReportError(.io, "injected failure before table \(table.name)")
            }
        }
        // A run simulated without its digest gets it here, computed on another core while the
        // other tables are written; the `runs` row, which holds it, comes last.
        let digest = run.resultDigest.isEmpty ? BackgroundTask(digesting: copy run) : nil
        let marks = run.finalMarks
        try check(RunTimings.table)
        try insert([run.timings], runID: runID, finalMarks: marks)
        try check(DecisionRecord.table)
        try insert(run.decisions, from: streamed.decisions, runID: runID, finalMarks: marks)
        run.decisions = []
        try check(OrderRecord.table)
        try insert(run.orders, runID: runID, finalMarks: marks)
        run.orders = []
        try check(FillRecord.table)
        try insert(run.fills, runID: runID, finalMarks: marks)
        run.fills = []
        try check(StrategyPosition.table)
        try insert(run.strategyPositions, runID: runID, finalMarks: marks)
        run.strategyPositions = []
        try check(PositionContribution.table)
        try insert(run.contributions, runID: runID, finalMarks: marks)
        run.contributions = []
        try check(ExchangePositionRecord.table)
        try insert(run.exchangePositions, runID: runID, finalMarks: marks)
        run.exchangePositions = []
        try check(FundingRecord.table)
        try insert(run.funding, runID: runID, finalMarks: marks)
        try check(StrategyShare.table)
        var shares: [StrategyShare] = []
        var paymentSeqs: [Int] = []
        for (offset, record) in run.funding.enumerated() {
            shares += record.shares
            paymentSeqs += repeatElement(offset + 1, count: record.shares.count)
        }
        try insert(shares, runID: runID, finalMarks: marks) { paymentSeqs[$0] }
        run.funding = []
        try check(EquitySample.table)
        try insert(run.equity, from: streamed.equity, runID: runID, finalMarks: marks)
        run.equity = []
        try check(PriceBar.table)
        try insert(run.priceBars, runID: runID, finalMarks: marks)
        run.priceBars = []
        if let digest { run.resultDigest = digest.value }
        try check(RunResult.table)
        try insert([copy run], runID: runID, finalMarks: marks)
        return run.resultDigest
    }

    /// Inserts `records` from offset `start` on as rows of their table: the batched statement for
    /// the full batches, then the one-row statement. `seq` gives a row's position from its offset
    /// (default: the offset + 1).
    private func insert<Record: ResultRecord>(
        _ records: [Record], from start: Int = 0, runID: Int64, finalMarks: [SymbolPrice],
        seq: (Int) -> Int = { $0 + 1 }
    ) throws(ReportError) {
        let table = Record.table
        guard let index = ReportSchema.tables.firstIndex(where: { $0.name == table.name }) else {
            preconditionFailure("\(table.name) is not in ReportSchema.tables")
        }
        #if DEBUG
        let columnCount = table.columnNames.count
        #endif
        try records.withUnsafeBufferPointer { records throws(ReportError) in
            guard let first = records.baseAddress, start < records.count else { return }
            let full = records.count - (records.count - start) % Self.batch
            var binder = RowBinder(
                statement: full > 0 ? batched[index] : single[index], record: first,
                context: RowContext(finalMarks: finalMarks))
            for i in start..<records.count {
                if i == full { binder.statement = single[index] }
                binder.record = first + i
                binder.context.seq = seq(i)
                binder.statement.bind(runID)
                Record.columns(&binder)
                #if DEBUG
                assert(Int(binder.statement.index) - 1 == columnCount * (binder.statement.rowsBound + 1))
                #endif
                try binder.statement.endRow()
            }
        }
    }
}
