public import Backtest
import CSQLite
import Foundation
import TradeEngine

/// Writes runs into a new report database (README "The report file").
///
/// The file is built as `<path>.partial` in the same folder with journaling and syncing off,
/// one transaction per run, indexes created before the rows (they mostly arrive in key order) and
/// views after them, then synced and renamed over `path`. A write that fails or is interrupted
/// leaves any previous report at `path` untouched.
public enum ReportWriter {
    /// Writes `runs` as run ids 1…n into a new database at `path`, replacing any file there.
    ///
    /// - Returns: The run ids, in the order of `runs`.
    /// - Throws: `ReportError` (`.io` when the folder or file cannot be written, `.sqlite` when
    ///   SQLite fails, e.g. on duplicate trade ids).
    @discardableResult
    public static func write(_ runs: [RunResult], to path: String) throws(ReportError) -> [Int64] {
        try write(runs, to: path, failBefore: nil)
    }

    /// `write`, failing just before table `failBefore` of the last run (tests of the atomic
    /// replace).
    static func write(_ runs: [RunResult], to path: String, failBefore: String?) throws(ReportError) -> [Int64] {
        let session = try ReportSession(path: path)
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

    /// Calls `body` with the statement for each of `count` rows: the batched one for the full
    /// batches, then the one-row statement.
    private func rows(
        _ table: ReportTableDefinition, _ count: Int, _ body: (Int, SQLiteStatement) throws(ReportError) -> Void
    ) throws(ReportError) {
        let index = ReportSchema.tables.firstIndex(of: table)!
        let full = count - count % Self.batch
        let batched = batched[index]
        let single = single[index]
        for i in 0..<full { try body(i, batched) }
        for i in full..<count { try body(i, single) }
    }

    /// Inserts every row of one run; returns its result digest.
    func insert(_ run: RunResult, runID: Int64, failBefore: String?) throws(ReportError) -> String {
        func check(_ table: ReportTableDefinition) throws(ReportError) {
            if table.name == failBefore {
                throw ReportError(.io, "injected failure before table \(table.name)")
            }
        }
        // A run simulated without its digest gets it here, computed on another core while the
        // other tables are written; the `runs` row, which holds it, comes last.
        let digest = run.resultDigest.isEmpty ? BackgroundTask { run.computeDigest() } : nil
        try check(ReportSchema.runTimings)
        try rows(ReportSchema.runTimings, 1) { _, s throws(ReportError) in
            try RowBinder.timings(run.timings, runID: runID, into: s)
        }
        try check(ReportSchema.signalDecisions)
        try run.decisions.withUnsafeBufferPointer { records throws(ReportError) in
            try rows(ReportSchema.signalDecisions, records.count) { i, s throws(ReportError) in
                try RowBinder.decision(records[i], runID: runID, into: s)
            }
        }
        try check(ReportSchema.orders)
        try run.orders.withUnsafeBufferPointer { records throws(ReportError) in
            try rows(ReportSchema.orders, records.count) { i, s throws(ReportError) in
                try RowBinder.order(records[i], seq: i + 1, runID: runID, into: s)
            }
        }
        try check(ReportSchema.fills)
        try run.fills.withUnsafeBufferPointer { records throws(ReportError) in
            try rows(ReportSchema.fills, records.count) { i, s throws(ReportError) in
                try RowBinder.fill(records[i], runID: runID, into: s)
            }
        }
        try check(ReportSchema.strategyPositions)
        try rows(ReportSchema.strategyPositions, run.strategyPositions.count) { i, s throws(ReportError) in
            let position = run.strategyPositions[i]
            try RowBinder.strategyPosition(position, mark: run.finalMark(position.symbol), runID: runID, into: s)
        }
        try check(ReportSchema.positionContributions)
        try rows(ReportSchema.positionContributions, run.contributions.count) { i, s throws(ReportError) in
            try RowBinder.contribution(run.contributions[i], runID: runID, into: s)
        }
        try check(ReportSchema.exchangePositions)
        try rows(ReportSchema.exchangePositions, run.exchangePositions.count) { i, s throws(ReportError) in
            let record = run.exchangePositions[i]
            try RowBinder.exchangePosition(record, mark: run.finalMark(record.key.symbol), runID: runID, into: s)
        }
        try check(ReportSchema.fundingPayments)
        try rows(ReportSchema.fundingPayments, run.funding.count) { i, s throws(ReportError) in
            try RowBinder.funding(run.funding[i], seq: i + 1, runID: runID, into: s)
        }
        try check(ReportSchema.fundingShares)
        var shares: [(seq: Int, share: StrategyShare)] = []
        for (offset, record) in run.funding.enumerated() {
            for share in record.shares { shares.append((offset + 1, share)) }
        }
        try rows(ReportSchema.fundingShares, shares.count) { i, s throws(ReportError) in
            try RowBinder.fundingShare(shares[i].share, fundingSeq: shares[i].seq, runID: runID, into: s)
        }
        try check(ReportSchema.equity)
        try run.equity.withUnsafeBufferPointer { records throws(ReportError) in
            try rows(ReportSchema.equity, records.count) { i, s throws(ReportError) in
                try RowBinder.equity(records[i], seq: i + 1, runID: runID, into: s)
            }
        }
        try check(ReportSchema.priceBars)
        try rows(ReportSchema.priceBars, run.priceBars.count) { i, s throws(ReportError) in
            try RowBinder.priceBar(run.priceBars[i], runID: runID, into: s)
        }
        var complete = run
        if let digest { complete.resultDigest = digest.value }
        try check(ReportSchema.runs)
        try rows(ReportSchema.runs, 1) { _, s throws(ReportError) in
            try RowBinder.run(complete, runID: runID, into: s)
        }
        return complete.resultDigest
    }
}
