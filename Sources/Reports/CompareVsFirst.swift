internal import CSQLite

/// The table `compare_vs_first`: each run of a comparison against the first, by the paired block
/// bootstrap of their daily net PnL (docs/statistics.md). Empty for a single run.
///
/// The table is written after the runs (the statistics need every run's rows) and never enters a
/// result digest.
public enum CompareVsFirst {
    /// One row: the run (`runID`) against the first run (`baselineRunID`). Money in USDT over the
    /// whole period; the interval and the p-value are nil with fewer than two days.
    public struct Row: Sendable, Hashable {
        public var runID: Int64
        public var baselineRunID: Int64
        public var days: Int
        public var deltaNet: Double
        public var ciLow: Double?
        public var ciHigh: Double?
        public var pValue: Double?
        public var daysWon: Int
        public var resamples: Int
        public var blockDays: Int
        public var seed: UInt64

        public init(
            runID: Int64, baselineRunID: Int64, days: Int, deltaNet: Double, ciLow: Double?, ciHigh: Double?,
            pValue: Double?, daysWon: Int, resamples: Int, blockDays: Int, seed: UInt64
        ) {
            self.runID = runID
            self.baselineRunID = baselineRunID
            self.days = days
            self.deltaNet = deltaNet
            self.ciLow = ciLow
            self.ciHigh = ciHigh
            self.pValue = pValue
            self.daysWon = daysWon
            self.resamples = resamples
            self.blockDays = blockDays
            self.seed = seed
        }
    }

    public static let name = "compare_vs_first"

    /// `CREATE TABLE compare_vs_first (…);`
    public static let createSQL = """
        CREATE TABLE compare_vs_first (
            run_id INTEGER,
            baseline_run_id INTEGER,
            days INTEGER,
            delta_net REAL,
            ci_low REAL,
            ci_high REAL,
            p_value REAL,
            days_won INTEGER,
            resamples INTEGER,
            block_days INTEGER,
            seed INTEGER
        );
        """

    /// Each run's booked net PnL per UTC day (realized − commissions − liquidation fees from
    /// fills, plus funding), on the same days for every run: every day any of the runs has an
    /// equity sample, a fill or a funding payment, in order, 0 where a run booked nothing.
    public static func dailyNet(dbPath: String, runIDs: [Int64]) throws(ReportError) -> [[Double]] {
        guard !runIDs.isEmpty else { return [] }
        let db = try ReportDatabase(path: dbPath)
        let ids = runIDs.map { String($0) }.joined(separator: ", ")
        let days = try db.query(
            """
            SELECT DISTINCT day FROM (
                SELECT substr(time, 1, 10) AS day FROM equity WHERE run_id IN (\(ids))
                UNION SELECT substr(time, 1, 10) FROM fills WHERE run_id IN (\(ids))
                UNION SELECT substr(time, 1, 10) FROM funding_payments WHERE run_id IN (\(ids))
            ) ORDER BY day
            """
        ).rows.compactMap { $0.first?.string }
        let rows = try db.query(
            """
            SELECT run_id, day, SUM(e8) FROM (
                SELECT run_id, substr(time, 1, 10) AS day,
                    realized_pnl_e8 - commission_e8 - liquidation_fee_e8 AS e8
                FROM fills WHERE run_id IN (\(ids))
                UNION ALL
                SELECT run_id, substr(time, 1, 10), amount_e8 FROM funding_payments WHERE run_id IN (\(ids))
            ) GROUP BY run_id, day ORDER BY run_id, day
            """)
        var series = [[Double]](repeating: [Double](repeating: 0, count: days.count), count: runIDs.count)
        for row in rows.rows {
            guard let run = row[0].int, let runIndex = runIDs.firstIndex(of: run), let day = row[1].string,
                let dayIndex = days.firstIndex(of: day)
            else { continue }
            series[runIndex][dayIndex] = Double(row[2].int ?? 0) / 1e8
        }
        return series
    }

    /// Writes `rows` into the finished report at `path` (replacing any rows of the same runs).
    public static func write(_ rows: [Row], at path: String) throws(ReportError) {
        let db = try ReportDatabase(path: path, writable: true)
        try db.connection.execute("BEGIN;")
        let statement = try db.connection.prepare(
            """
            INSERT INTO compare_vs_first (run_id, baseline_run_id, days, delta_net, ci_low, ci_high, p_value,
                days_won, resamples, block_days, seed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in rows {
            statement.bind(row.runID)
            statement.bind(row.baselineRunID)
            statement.bind(row.days)
            statement.bind(row.deltaNet)
            statement.bind(row.ciLow)
            statement.bind(row.ciHigh)
            statement.bind(row.pValue)
            statement.bind(row.daysWon)
            statement.bind(row.resamples)
            statement.bind(row.blockDays)
            statement.bind(Int64(bitPattern: row.seed))
            try statement.insert()
        }
        try db.connection.execute("COMMIT;")
    }

    /// The rows of a report by run id (none when the report predates the table).
    public static func read(dbPath: String) -> [Int64: Row] {
        guard let db = try? ReportDatabase(path: dbPath),
            let rows = try? db.query("SELECT * FROM compare_vs_first ORDER BY run_id")
        else { return [:] }
        var byRun: [Int64: Row] = [:]
        for index in rows.rows.indices {
            func v(_ column: String) -> ReportValue { rows.value(index, column) }
            guard let runID = v("run_id").int else { continue }
            byRun[runID] = Row(
                runID: runID, baselineRunID: v("baseline_run_id").int ?? 0, days: Int(v("days").int ?? 0),
                deltaNet: v("delta_net").double ?? 0, ciLow: v("ci_low").double, ciHigh: v("ci_high").double,
                pValue: v("p_value").double, daysWon: Int(v("days_won").int ?? 0),
                resamples: Int(v("resamples").int ?? 0), blockDays: Int(v("block_days").int ?? 0),
                seed: UInt64(bitPattern: v("seed").int ?? 0))
        }
        return byRun
    }
}
