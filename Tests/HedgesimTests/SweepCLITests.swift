import Foundation
import TestSupport
import Testing

/// `hedgesim sweep` end to end on the small XRP sample: digests equal `hedgesim run`, the report
/// does not depend on the thread count, the plan's counts, errors with their exit codes.
@Suite(.serialized) struct SweepCLITests {
    /// A sweep of the XRP scenario: 2 modes × 2 cooldowns, with leave-one-out, 2-day windows.
    static func sweepFile(_ folder: String, extra: String = "") -> String {
        let path = folder + "/xrp-sweep.yaml"
        let text = """
            scenario: \(Fixtures.path("scenarios/funding-xrp.yaml"))
            grid:
              engine.same_direction: [accumulate, reject_duplicates]
              engine.reentry_cooldown: [0s, 300s]
            strategies: {leave_one_out: true}
            windows: {length: 2d, step: 2d}
            baseline: {engine.reentry_cooldown: 0s}
            statistics:
              bootstrap: {resamples: 200, block: 1d, seed: 3}
            report: {path: xrp-sweep.sqlite}
            \(extra)
            """
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func wholeRangeRunIsHedgesimRun() {
        let folder = CLI.temporaryFolder("sweep")
        let file = Self.sweepFile(folder)
        let out = CLI.run(["sweep", file, "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        let db = folder + "/xrp-sweep.sqlite"
        #expect(out.stdout.contains("report: \(db)"))
        #expect(out.stdout.contains("Leave-one-strategy-out"))
        // Point 4: reject_duplicates with a 300s cooldown.
        let digest = CLI.sqlite(
            db, "SELECT result_digest FROM sweep_runs WHERE point_id = 4 AND strategy_set = 'all' AND is_whole_range")
        let run = CLI.run([
            "run", "scenarios/funding-xrp.yaml", "--set", "engine.same_direction=reject_duplicates", "--set",
            "engine.reentry_cooldown=300s", "--out", folder + "/run.sqlite", "-q",
        ])
        #expect(run.status == 0)
        #expect(CLI.digests(run.stdout) == [digest])
        // A window's run is `hedgesim run` with the window as data.start and data.end.
        let window = CLI.sqlite(
            db,
            "SELECT window_start || ' ' || result_digest FROM sweep_runs WHERE point_id = 1 AND strategy_set = 'all' "
                + "AND window_index = 2"
        ).split(separator: " ").map(String.init)
        #expect(window.first == "2021-11-17T00:00:00.000Z")
        let windowRun = CLI.run([
            "run", "scenarios/funding-xrp.yaml", "--set", "engine.same_direction=accumulate", "--set",
            "engine.reentry_cooldown=0s", "--set", "data.start=2021-11-17T00:00:00Z", "--set",
            "data.end=2021-11-18T23:55:00Z", "--out", folder + "/window.sqlite", "-q",
        ])
        #expect(CLI.digests(windowRun.stdout) == [window.last ?? ""])
        #expect(CLI.sqlite(db, "SELECT points, strategy_sets, windows, runs FROM sweeps") == "4|5|4|80")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM v_sweep_vs_baseline WHERE is_baseline") == "1")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM v_sweep_ranking") == "4")
        // Every point but the baseline has its interval and p-values; Holm never lowers a p-value.
        #expect(
            CLI.sqlite(
                db,
                "SELECT COUNT(*) FROM v_sweep_vs_baseline WHERE NOT is_baseline AND ci_low <= ci_high "
                    + "AND p_value > 0 AND p_adjusted >= p_value AND p_adjusted <= 1") == "3")
        #expect(
            CLI.sqlite(db, "SELECT ci_low IS NULL AND p_value IS NULL FROM v_sweep_vs_baseline WHERE is_baseline")
                == "1")
        #expect(!FileManager.default.fileExists(atPath: db + ".partial"))
        // `report` prints the sweep's summary again from the file.
        let report = CLI.run(["report", db])
        #expect(report.status == 0)
        #expect(out.stdout.hasPrefix(report.stdout))
        // `export` writes its sweep tables and views (SweepHTMLCLITests has the details).
        let export = CLI.run(["export", db, "--out", folder + "/csv"])
        #expect(export.status == 0, "\(export.stderr)")
    }

    @Test func reportIsTheSameForAnyThreadCount() {
        let folder = CLI.temporaryFolder("sweep-threads")
        let file = Self.sweepFile(folder)
        let one = CLI.run(["sweep", file, "--threads", "1", "--out", folder + "/one.sqlite", "-q"])
        let two = CLI.run(["sweep", file, "--threads", "2", "--out", folder + "/two.sqlite", "-q"])
        #expect(one.status == 0 && two.status == 0)
        for table in [
            "sweeps", "sweep_points", "sweep_runs", "sweep_strategy_runs", "sweep_run_days", "sweep_comparisons",
            "sweep_strategy_run_days", "sweep_strategy_comparisons", "sweep_reality_check",
            "v_sweep_ranking", "v_sweep_vs_baseline", "v_sweep_by_window", "v_strategy_marginal",
            "v_sweep_strategy_vs_baseline",
        ] {
            let columns = table == "sweeps" ? "spec_digest, data_digest, runs" : "*"
            let a = CLI.sqlite(folder + "/one.sqlite", "SELECT \(columns) FROM \(table)")
            #expect(!a.isEmpty, "\(table) is empty")
            #expect(a == CLI.sqlite(folder + "/two.sqlite", "SELECT \(columns) FROM \(table)"), "\(table) differs")
        }
        #expect(
            one.stdout.replacingOccurrences(of: "one.sqlite", with: "")
                == two.stdout.replacingOccurrences(of: "two.sqlite", with: ""))
    }

    @Test func interruptLeavesNoReport() {
        let folder = CLI.temporaryFolder("sweep-interrupt")
        // 240 runs (≈ 5 s in a debug build on a quiet 2-core machine; the file's 80 take ≈ 1.7 s, too
        // close to the signal), so the signal always comes while it runs.
        let file = Self.sweepFile(folder)
        let text = try! String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
            of: "engine.reentry_cooldown: [0s, 300s]",
            with: "engine.reentry_cooldown: [0s, 60s, 120s, 300s, 600s, 900s]")
        try! text.write(toFile: file, atomically: true, encoding: .utf8)
        let out = CLI.run(["sweep", file, "--threads", "1", "-q"], interruptAfter: 1.5)
        #expect(out.status == 130, "\(out.stdout) \(out.stderr)")
        #expect(out.stderr == "hedgesim: interrupted (SIGINT); nothing was replaced and no temporary file is left\n")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(files == ["xrp-sweep.yaml"])
    }

    @Test func planPrintsTheCountsWithoutRunning() {
        let folder = CLI.temporaryFolder("sweep-plan")
        let out = CLI.run(["sweep", Self.sweepFile(folder), "--plan"])
        #expect(out.status == 0, "\(out.stderr)")
        // 4 points × (all + 4 strategies) × (whole range + 3 windows of 2 days in 7 days).
        #expect(out.stdout.contains("runs: 4 points × 5 strategy sets × 4 windows = 80"))
        #expect(out.stdout.contains("3 (baseline): engine.same_direction=reject_duplicates") == false)
        #expect(out.stdout.contains("1 (baseline): engine.same_direction=accumulate engine.reentry_cooldown=0s"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/xrp-sweep.sqlite"))
    }

    @Test func badSweepFileNamesTheLine() {
        let folder = CLI.temporaryFolder("sweep-bad")
        let file = Self.sweepFile(folder, extra: "windos: {length: 1d}")
        let out = CLI.run(["sweep", file, "--plan"])
        #expect(out.status == 65)
        #expect(out.stderr == "hedgesim: \(file):11: unknown key `windos`; did you mean `windows`?\n")
        let missing = CLI.run(["sweep", folder + "/none.yaml"])
        #expect(missing.status == 66)
        let badValue = CLI.run([
            "sweep", Self.sweepFile(folder), "--set", "engine.nope=1", "--plan",
        ])
        #expect(badValue.status == 64)
    }

    @Test func gridValueTheScenarioRefusesIsReportedAtItsKey() throws {
        let folder = CLI.temporaryFolder("sweep-value")
        let file = Self.sweepFile(folder)
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "[accumulate, reject_duplicates]", with: "[accumulate, reject_dups]")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let out = CLI.run(["sweep", file, "--plan"])
        #expect(out.status == 65)
        #expect(out.stderr.hasPrefix("hedgesim: \(file):3: `grid.engine.same_direction`: "), "\(out.stderr)")
        #expect(out.stderr.contains("(reject_dups)"))
    }

    @Test func perStrategyStatisticsAndTheRealityCheckAreInTheReport() {
        let folder = CLI.temporaryFolder("sweep-strategies")
        let out = CLI.run(["sweep", Self.sweepFile(folder), "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        let db = folder + "/xrp-sweep.sqlite"
        // Every strategy's booked days sum to its booked net, in every run.
        #expect(
            CLI.sqlite(
                db,
                """
                SELECT COUNT(*) FROM sweep_strategy_runs s WHERE s.net_pnl_e8 != (SELECT COALESCE(SUM(d.net_e8), 0)
                FROM sweep_strategy_run_days d WHERE d.run_index = s.run_index AND d.strategy_id = s.strategy_id)
                """) == "0")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) > 0 FROM sweep_strategy_run_days") == "1")
        // One row per point × strategy; the difference is the booked nets' difference.
        let strategies = CLI.sqlite(
            db, "SELECT COUNT(DISTINCT strategy_id) FROM sweep_strategy_runs WHERE strategy_set = 'all'")
        #expect(
            CLI.sqlite(db, "SELECT COUNT(*) FROM v_sweep_strategy_vs_baseline")
                == String(4 * (Int(strategies) ?? 0)))
        #expect(
            CLI.sqlite(
                db,
                "SELECT COUNT(*) FROM v_sweep_strategy_vs_baseline WHERE abs(delta_net - (net_pnl - baseline_net_pnl)) "
                    + "> 1e-6 OR windows != 3") == "0")
        #expect(
            CLI.sqlite(
                db,
                "SELECT COUNT(*) FROM v_sweep_strategy_vs_baseline WHERE is_baseline AND (ci_low IS NOT NULL "
                    + "OR p_value IS NOT NULL OR delta_net != 0 OR windows_won != 0)") == "0")
        #expect(
            CLI.sqlite(
                db,
                "SELECT COUNT(*) FROM v_sweep_strategy_vs_baseline WHERE NOT is_baseline AND ci_low <= ci_high "
                    + "AND p_value > 0 AND p_value <= 1 AND p_adjusted >= p_value AND p_adjusted <= 1")
                == String(3 * (Int(strategies) ?? 0)))
        // The Reality Check tests the non-baseline point with the largest difference, among 3.
        #expect(
            CLI.sqlite(db, "SELECT best_point_id, candidates, p_value > 0 AND p_value <= 1 FROM sweep_reality_check")
                == CLI.sqlite(
                    db,
                    "SELECT point_id || '|3|1' FROM sweep_comparisons WHERE point_id != baseline_point_id "
                        + "ORDER BY delta_net_e8 DESC, point_id LIMIT 1"))
        #expect(
            CLI.sqlite(db, "SELECT COUNT(*) FROM v_sweep_ranking WHERE reality_check_p IS NOT NULL")
                == "1")
        #expect(out.stdout.contains("White's reality check p = "))
        #expect(out.stdout.contains("Per strategy, best point "))
    }

    /// The sweep file with `report.detail: full` and no leave-one-out (4 points × 4 windows).
    static func fullSweepFile(_ folder: String) throws -> String {
        let file = Self.sweepFile(folder)
        let text = try String(contentsOfFile: file, encoding: .utf8)
            .replacingOccurrences(of: "{leave_one_out: true}", with: "{leave_one_out: false}")
            .replacingOccurrences(of: "{path: xrp-sweep.sqlite}", with: "{path: xrp-sweep.sqlite, detail: full}")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The run tables of a report (every table that is not a sweep table).
    static func runTables(_ db: String) -> [String] {
        CLI.sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sweep%' ORDER BY name")
            .split(separator: "\n").map(String.init)
    }

    /// Every column of `table` but `run_id` (and `scenario_file`, a path as given).
    static func columns(_ db: String, _ table: String) -> String {
        CLI.sqlite(db, "SELECT name FROM pragma_table_info('\(table)')").split(separator: "\n")
            .filter { $0 != "run_id" && $0 != "scenario_file" }.joined(separator: ", ")
    }

    @Test func fullDetailHoldsEveryRunsTablesAsHedgesimRunWritesThem() throws {
        let folder = CLI.temporaryFolder("sweep-full")
        let file = try Self.fullSweepFile(folder)
        let out = CLI.run(["sweep", file, "--quiet", "--threads", "4"])
        #expect(out.status == 0, "\(out.stderr)")
        let db = folder + "/xrp-sweep.sqlite"
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM runs") == "16")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM sweep_runs WHERE run_id = run_index") == "16")
        #expect(
            CLI.sqlite(
                db,
                "SELECT COUNT(*) FROM sweep_runs s JOIN runs r USING (run_id) WHERE r.result_digest = "
                    + "s.result_digest") == "16")
        // Point 4's whole-range run: reject_duplicates with a 300s cooldown.
        let runID = CLI.sqlite(db, "SELECT run_id FROM sweep_runs WHERE point_id = 4 AND is_whole_range")
        let run = CLI.run([
            "run", Fixtures.path("scenarios/funding-xrp.yaml"), "--set", "engine.same_direction=reject_duplicates",
            "--set",
            "engine.reentry_cooldown=300s", "--out", folder + "/run.sqlite", "-q",
        ])
        #expect(run.status == 0)
        let single = folder + "/run.sqlite"
        let tables = Self.runTables(single).filter { $0 != "run_timings" }
        #expect(tables.count > 5)
        #expect(Self.runTables(db).filter { $0 != "run_timings" } == tables)
        var rows = 0
        for table in tables {
            let columns = Self.columns(single, table)
            let expected = CLI.sqlite(single, "SELECT \(columns) FROM \(table) ORDER BY rowid")
            #expect(
                CLI.sqlite(db, "SELECT \(columns) FROM \(table) WHERE run_id = \(runID) ORDER BY rowid") == expected,
                "\(table) differs")
            rows += expected.split(separator: "\n").count
        }
        #expect(rows > 100)
    }

    @Test func fullDetailReportIsTheSameForAnyThreadCount() throws {
        let folder = CLI.temporaryFolder("sweep-full-threads")
        let file = try Self.fullSweepFile(folder)
        let one = CLI.run(["sweep", file, "--threads", "1", "--out", folder + "/one.sqlite", "-q"])
        let four = CLI.run(["sweep", file, "--threads", "4", "--out", folder + "/four.sqlite", "-q"])
        #expect(one.status == 0 && four.status == 0)
        let tables = CLI.sqlite(
            folder + "/one.sqlite", "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        #expect(
            tables
                == CLI.sqlite(
                    folder + "/four.sqlite", "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        for table in tables.split(separator: "\n") {
            let a = CLI.sqlite(folder + "/one.sqlite", "SELECT * FROM \(table) ORDER BY rowid")
            #expect(
                a == CLI.sqlite(folder + "/four.sqlite", "SELECT * FROM \(table) ORDER BY rowid"), "\(table) differs")
        }
        let bytes = FileManager.default.contents(atPath: folder + "/one.sqlite")
        #expect(bytes != nil && bytes == FileManager.default.contents(atPath: folder + "/four.sqlite"))
    }

    /// docs/sweeps.md names every sweep table and view, and every column of the statistics
    /// tables and views.
    @Test func sweepTablesViewsAndStatisticsColumnsAreDocumented() throws {
        let folder = CLI.temporaryFolder("sweep-doc")
        let out = CLI.run(["sweep", Self.sweepFile(folder), "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        let db = folder + "/xrp-sweep.sqlite"
        let doc = try String(contentsOfFile: Fixtures.repositoryRoot + "/docs/sweeps.md", encoding: .utf8)
        let objects = CLI.sqlite(
            db,
            "SELECT name FROM sqlite_master WHERE (type = 'table' AND name LIKE 'sweep%') OR (type = 'view' AND "
                + "(name LIKE 'v_sweep%' OR name = 'v_strategy_marginal')) ORDER BY name"
        ).split(separator: "\n").map(String.init)
        #expect(objects.count == 14)
        for name in objects { #expect(doc.contains("`\(name)`"), "docs/sweeps.md does not name `\(name)`") }
        for name in [
            "sweep_comparisons", "sweep_strategy_run_days", "sweep_strategy_comparisons", "sweep_reality_check",
            "v_sweep_vs_baseline", "v_sweep_strategy_vs_baseline", "v_sweep_ranking",
        ] {
            for column in CLI.sqlite(db, "SELECT name FROM pragma_table_info('\(name)')").split(separator: "\n")
            where !column.hasSuffix("_e8") {
                #expect(doc.contains("`\(column)`"), "docs/sweeps.md does not name `\(column)` of `\(name)`")
            }
        }
    }
}
