import Backtest
import Foundation
public import Market
public import Reports
import Results

/// A shard report (docs/sweeps.md, "Sharding and merging"): what one shard of a sweep ran, kept
/// exactly so that `SweepMerge` rebuilds the sweep report the unsharded sweep writes. It holds
/// the sweep file's text, the spec and data digests, K, N and the plan's inputs (`sweep_shards`),
/// and each of its runs' summary with every figure exact (`sweep_shard_runs`,
/// `sweep_shard_strategy_runs`, `sweep_shard_run_days`), but no statistics. Written atomically
/// through `ReportSession`, like every report.
public enum SweepShardReport {
    /// The shard tables, in creation order.
    public static let tableNames = [
        "sweep_shards", "sweep_shard_runs", "sweep_shard_strategy_runs", "sweep_shard_run_days",
    ]

    /// What a shard report records besides its runs' summaries.
    public struct Header: Sendable, Hashable {
        public var shard: SweepShard
        /// The sweep file's path as given, and its text.
        public var sweepFile: String
        public var sweepText: String
        public var specDigest: String
        public var dataDigest: String
        /// The command's `--set` values, in order.
        public var overrides: [String]
        /// The base scenario's name.
        public var scenario: String
        /// The plan's inputs: the data range, the bar interval and the strategies left out one by one.
        public var start: Timestamp
        public var lastOpen: Timestamp
        public var interval: Interval
        public var strategies: [String]
        public var symbols: Int
        /// Bars of the whole range over every symbol.
        public var barCount: Int
        /// Runs in the whole plan.
        public var planRuns: Int
        /// This shard's runs (1-based run indexes, ascending).
        public var runIndexes: [Int]
        /// Σ expected work of this shard's runs (bars × symbols).
        public var expectedWork: Int
        public var engineVersion: String
    }

    /// One run as stored: its `sweep_shard_runs` row (without `run_index`), its strategies' and
    /// days' rows. Two equal values are the same summary.
    public struct StoredRun: Sendable, Hashable {
        public var runIndex: Int
        public var run: [ReportValue]
        public var strategies: [[ReportValue]]
        public var days: [[ReportValue]]
    }

    /// A shard report read back.
    public struct Contents: Sendable {
        public var path: String
        public var header: Header
        /// In run index order.
        public var runs: [StoredRun]
    }

    static let runColumns = [
        "result_digest", "bars", "net_e8", "realized_e8", "fees_e8", "funding_e8", "liquidation_fees_e8",
        "equity_change_e8", "positions", "trades", "wins", "take_profits", "stop_losses", "max_drawdown_e8",
        "max_drawdown_pct", "executed", "rejected", "sharpe", "sortino", "exposure",
    ]

    static let strategyColumns = [
        "strategy_id", "positions", "trades", "wins", "take_profits", "stop_losses", "realized_e8", "commission_e8",
        "funding_e8", "liquidation_fee_e8", "net_e8",
    ]

    static let schemaSQL = """
        CREATE TABLE sweep_shards (shard_index INTEGER NOT NULL, shard_count INTEGER NOT NULL,
            sweep_file TEXT NOT NULL, sweep_text TEXT NOT NULL, spec_digest TEXT NOT NULL, data_digest TEXT NOT NULL,
            overrides TEXT NOT NULL, scenario TEXT NOT NULL, data_start INTEGER NOT NULL,
            data_last_open INTEGER NOT NULL, interval TEXT NOT NULL, strategies TEXT NOT NULL,
            symbols INTEGER NOT NULL, bars INTEGER NOT NULL, plan_runs INTEGER NOT NULL, runs INTEGER NOT NULL,
            run_indexes TEXT NOT NULL, expected_work INTEGER NOT NULL, engine_version TEXT NOT NULL);
        CREATE TABLE sweep_shard_runs (run_index INTEGER PRIMARY KEY, result_digest TEXT NOT NULL,
            bars INTEGER NOT NULL, net_e8 INTEGER NOT NULL, realized_e8 INTEGER NOT NULL, fees_e8 INTEGER NOT NULL,
            funding_e8 INTEGER NOT NULL, liquidation_fees_e8 INTEGER NOT NULL, equity_change_e8 INTEGER NOT NULL,
            positions INTEGER NOT NULL, trades INTEGER NOT NULL, wins INTEGER NOT NULL, take_profits INTEGER NOT NULL,
            stop_losses INTEGER NOT NULL, max_drawdown_e8 INTEGER NOT NULL, max_drawdown_pct REAL NOT NULL,
            executed INTEGER NOT NULL, rejected INTEGER NOT NULL, sharpe REAL, sortino REAL, exposure REAL NOT NULL);
        CREATE TABLE sweep_shard_strategy_runs (run_index INTEGER NOT NULL, ordinal INTEGER NOT NULL,
            strategy_id TEXT NOT NULL, positions INTEGER NOT NULL, trades INTEGER NOT NULL, wins INTEGER NOT NULL,
            take_profits INTEGER NOT NULL, stop_losses INTEGER NOT NULL, realized_e8 INTEGER NOT NULL,
            commission_e8 INTEGER NOT NULL, funding_e8 INTEGER NOT NULL, liquidation_fee_e8 INTEGER NOT NULL,
            net_e8 INTEGER NOT NULL, PRIMARY KEY (run_index, ordinal));
        CREATE TABLE sweep_shard_run_days (run_index INTEGER NOT NULL, day INTEGER NOT NULL, net_e8 INTEGER NOT NULL,
            PRIMARY KEY (run_index, day));
        """

    /// The header of shard `shard` of a prepared sweep.
    public static func header(
        _ prepared: SweepRunner.Prepared, shard: SweepShard, runs: [Int], overrides: [String]
    ) -> Header {
        let plan = prepared.plan
        let work = prepared.expectedWork
        return Header(
            shard: shard, sweepFile: prepared.spec.file, sweepText: prepared.spec.sourceText,
            specDigest: prepared.spec.digest, dataDigest: prepared.data.digest, overrides: overrides,
            scenario: prepared.scenario.name, start: plan.windows[0].start, lastOpen: plan.windows[0].lastOpen,
            interval: prepared.scenario.data.interval, strategies: plan.excluded.flatMap { $0 },
            symbols: prepared.data.markets.count, barCount: prepared.data.barCount, planRuns: plan.runs.count,
            runIndexes: runs.map { plan.runs[$0].runIndex }, expectedWork: runs.reduce(0) { $0 + work[$1] },
            engineVersion: HedgesimVersion.current)
    }

    /// Writes a shard report at `path` atomically.
    ///
    /// - Parameters:
    ///   - summaries: One per `header.runIndexes`, in that order.
    ///   - wait: Wait for another writer's lock on `path` instead of failing.
    /// - Throws: `ReportError`.
    public static func write(
        _ header: Header, summaries: [SweepRunSummary], to path: String, wait: Bool = false,
        isCancelled: () -> Bool = { false }
    ) throws(ReportError) {
        let output: OutputFile
        do throws(OutputFileError) {
            output = try OutputFile(path: path, role: "shard report", wait: wait, isCancelled: isCancelled)
        } catch {
            throw ReportError(error)
        }
        let session = try ReportSession(path: path, output: output)
        try session.execute("BEGIN;\n" + schemaSQL + "\nCOMMIT;")
        try session.insert(
            into: "sweep_shards",
            columns: [
                "shard_index", "shard_count", "sweep_file", "sweep_text", "spec_digest", "data_digest", "overrides",
                "scenario", "data_start", "data_last_open", "interval", "strategies", "symbols", "bars", "plan_runs",
                "runs", "run_indexes", "expected_work", "engine_version",
            ],
            rows: [
                [
                    int(header.shard.index), int(header.shard.count), .text(header.sweepFile), .text(header.sweepText),
                    .text(header.specDigest), .text(header.dataDigest), .text(header.overrides.joined(separator: "\n")),
                    .text(header.scenario), .integer(header.start.milliseconds),
                    .integer(header.lastOpen.milliseconds), .text(header.interval.rawValue),
                    .text(header.strategies.joined(separator: "\n")), int(header.symbols), int(header.barCount),
                    int(header.planRuns), int(header.runIndexes.count),
                    .text(header.runIndexes.map(String.init).joined(separator: " ")), int(header.expectedWork),
                    .text(header.engineVersion),
                ]
            ])
        var runRows: [[ReportValue]] = []
        var strategyRows: [[ReportValue]] = []
        var dayRows: [[ReportValue]] = []
        for (runIndex, s) in zip(header.runIndexes, summaries) {
            let stored = store(s, runIndex: runIndex)
            runRows.append([int(runIndex)] + stored.run)
            for (ordinal, row) in stored.strategies.enumerated() {
                strategyRows.append([int(runIndex), int(ordinal)] + row)
            }
            for row in stored.days { dayRows.append([int(runIndex)] + row) }
        }
        try session.insert(into: "sweep_shard_runs", columns: ["run_index"] + runColumns, rows: runRows)
        try session.insert(
            into: "sweep_shard_strategy_runs", columns: ["run_index", "ordinal"] + strategyColumns, rows: strategyRows)
        try session.insert(into: "sweep_shard_run_days", columns: ["run_index", "day", "net_e8"], rows: dayRows)
        try session.finish()
    }

    /// A summary as stored rows.
    static func store(_ s: SweepRunSummary, runIndex: Int) -> StoredRun {
        let run: [ReportValue] = [
            .text(s.resultDigest), int(s.bars), .integer(s.net.raw), .integer(s.realized.raw), .integer(s.fees.raw),
            .integer(s.funding.raw), .integer(s.liquidationFees.raw), .integer(s.equityChange.raw), int(s.positions),
            int(s.trades), int(s.wins), int(s.takeProfits), int(s.stopLosses), .integer(s.maxDrawdown.raw),
            .real(s.maxDrawdownPercent), int(s.executed), int(s.rejected), real(s.sharpe), real(s.sortino),
            .real(s.exposure),
        ]
        let strategies: [[ReportValue]] = s.strategies.map { t in
            [
                .text(t.strategyID), int(t.positions), int(t.trades), int(t.wins), int(t.takeProfits),
                int(t.stopLosses), .integer(t.realized.raw), .integer(t.commission.raw), .integer(t.funding.raw),
                .integer(t.liquidationFee.raw), .integer(t.net.raw),
            ]
        }
        let days: [[ReportValue]] = s.days.map { [.integer($0.day), .integer($0.net.raw)] }
        return StoredRun(runIndex: runIndex, run: run, strategies: strategies, days: days)
    }

    /// The summary a stored run holds (the inverse of `store`).
    static func summary(_ stored: StoredRun) -> SweepRunSummary {
        var s = SweepRunSummary()
        let r = stored.run
        s.resultDigest = r[0].string ?? ""
        s.bars = integer(r[1])
        s.net = money(r[2])
        s.realized = money(r[3])
        s.fees = money(r[4])
        s.funding = money(r[5])
        s.liquidationFees = money(r[6])
        s.equityChange = money(r[7])
        s.positions = integer(r[8])
        s.trades = integer(r[9])
        s.wins = integer(r[10])
        s.takeProfits = integer(r[11])
        s.stopLosses = integer(r[12])
        s.maxDrawdown = money(r[13])
        s.maxDrawdownPercent = r[14].double ?? 0
        s.executed = integer(r[15])
        s.rejected = integer(r[16])
        s.sharpe = r[17].double
        s.sortino = r[18].double
        s.exposure = r[19].double ?? 0
        s.strategies = stored.strategies.map { t in
            var strategy = SweepRunSummary.Strategy(strategyID: t[0].string ?? "")
            strategy.positions = integer(t[1])
            strategy.trades = integer(t[2])
            strategy.wins = integer(t[3])
            strategy.takeProfits = integer(t[4])
            strategy.stopLosses = integer(t[5])
            strategy.realized = money(t[6])
            strategy.commission = money(t[7])
            strategy.funding = money(t[8])
            strategy.liquidationFee = money(t[9])
            strategy.net = money(t[10])
            return strategy
        }
        s.days = stored.days.map { (day: $0[0].int ?? 0, net: money($0[1])) }
        return s
    }

    /// True when `path` is a shard report (it has the `sweep_shards` table).
    ///
    /// - Throws: `ReportError` when the file is missing or not a hedgesim report.
    public static func isShardReport(_ path: String) throws(ReportError) -> Bool {
        let db = try ReportDatabase(path: path)
        return try db.query("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sweep_shards'")
            .value(0, "n").int == 1
    }

    /// Refuses a shard report where a command reads whole reports (`hedgesim report`, `export`).
    ///
    /// - Throws: `ReportError(.usage)` naming the file and the merge.
    public static func refuse(_ path: String, command: String) throws(ReportError) {
        guard try isShardReport(path) else { return }
        throw ReportError(
            .usage,
            "\(path): a sweep shard report; `hedgesim \(command)` reads whole reports (merge the shards with "
                + "`hedgesim sweep merge`, docs/sweeps.md)")
    }

    /// Reads a shard report.
    ///
    /// - Throws: `ReportError` (missing file, not a report), `SweepShardError(.invalid)` when it
    ///   is a report but not a shard report or its header is damaged.
    public static func read(_ path: String) throws -> Contents {
        let db = try ReportDatabase(path: path)
        let tables = try db.query(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'sweep_shards'")
        guard tables.value(0, "n").int == 1 else {
            throw SweepShardError(
                .invalid, "\(path): not a sweep shard report (write shards with `hedgesim sweep FILE --shard K/N`)")
        }
        let h = try db.query("SELECT * FROM sweep_shards")
        func damaged(_ what: String) -> SweepShardError {
            SweepShardError(.invalid, "\(path): damaged shard report (\(what))")
        }
        guard h.rows.count == 1 else { throw damaged("\(h.rows.count) rows in sweep_shards") }
        func text(_ column: String) -> String { h.value(0, column).string ?? "" }
        func number(_ column: String) -> Int { Int(h.value(0, column).int ?? 0) }
        guard let interval = Interval(rawValue: text("interval")) else { throw damaged("interval \(text("interval"))") }
        let runIndexes = text("run_indexes").split(separator: " ").compactMap { Int($0) }
        let header = Header(
            shard: SweepShard(index: number("shard_index"), count: number("shard_count")),
            sweepFile: text("sweep_file"), sweepText: text("sweep_text"), specDigest: text("spec_digest"),
            dataDigest: text("data_digest"), overrides: lines(text("overrides")), scenario: text("scenario"),
            start: Timestamp(milliseconds: h.value(0, "data_start").int ?? 0),
            lastOpen: Timestamp(milliseconds: h.value(0, "data_last_open").int ?? 0), interval: interval,
            strategies: lines(text("strategies")), symbols: number("symbols"), barCount: number("bars"),
            planRuns: number("plan_runs"), runIndexes: runIndexes, expectedWork: number("expected_work"),
            engineVersion: text("engine_version"))
        guard header.shard.count >= 1, header.shard.index >= 0, header.shard.index < header.shard.count else {
            throw damaged("shard \(header.shard)")
        }
        let runs = try db.query("SELECT * FROM sweep_shard_runs ORDER BY run_index")
        let strategies = try db.query("SELECT * FROM sweep_shard_strategy_runs ORDER BY run_index, ordinal")
        let days = try db.query("SELECT * FROM sweep_shard_run_days ORDER BY run_index, day")
        var stored: [StoredRun] = []
        stored.reserveCapacity(runs.rows.count)
        var s = 0
        var d = 0
        for row in runs.rows {
            let runIndex = Int(row[0].int ?? 0)
            var run = StoredRun(runIndex: runIndex, run: Array(row[1...]), strategies: [], days: [])
            while s < strategies.rows.count, let i = strategies.rows[s][0].int, i <= runIndex {
                if i == runIndex { run.strategies.append(Array(strategies.rows[s][2...])) }
                s += 1
            }
            while d < days.rows.count, let i = days.rows[d][0].int, i <= runIndex {
                if i == runIndex { run.days.append(Array(days.rows[d][1...])) }
                d += 1
            }
            stored.append(run)
        }
        guard runs.columns == ["run_index"] + runColumns, stored.map(\.runIndex) == runIndexes else {
            throw damaged("its runs are not its run list")
        }
        return Contents(path: path, header: header, runs: stored)
    }

    private static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    private static func int(_ value: Int) -> ReportValue { .integer(Int64(value)) }
    private static func real(_ value: Double?) -> ReportValue { value.map { .real($0) } ?? .null }
    private static func integer(_ value: ReportValue) -> Int { Int(value.int ?? 0) }
    private static func money(_ value: ReportValue) -> Money { Money(raw: value.int ?? 0) }
}
