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
            "v_sweep_ranking", "v_sweep_vs_baseline", "v_sweep_by_window", "v_strategy_marginal",
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
        let out = CLI.run(["sweep", Self.sweepFile(folder), "--threads", "1", "-q"], interruptAfter: 1.5)
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
}
