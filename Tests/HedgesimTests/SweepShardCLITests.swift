import Foundation
import TestSupport
import Testing

/// `hedgesim sweep FILE --shard K/N` and `hedgesim sweep merge` end to end: the merged report is
/// the unsharded one, the default paths, `--shard auto`, and the refusals with their exit codes.
@Suite(.serialized) struct SweepShardCLITests {
    /// 2 cooldowns × the whole range and three 2-day windows of the XRP sample: 8 runs.
    static func sweepFile(_ folder: String) -> String {
        let path = folder + "/small-sweep.yaml"
        let text = """
            scenario: \(Fixtures.path("scenarios/funding-xrp.yaml"))
            grid:
              engine.reentry_cooldown: [0s, 300s]
            windows: {length: 2d, step: 2d}
            statistics:
              bootstrap: {resamples: 200, block: 1d, seed: 3}
            report: {path: small-sweep.sqlite}
            """
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let objects = [
        "sweeps", "sweep_points", "sweep_runs", "sweep_strategy_runs", "sweep_run_days", "sweep_comparisons",
        "v_sweep_ranking", "v_sweep_vs_baseline", "v_sweep_by_window", "v_strategy_marginal",
    ]

    @Test func shardsMergedAreTheUnshardedReport() throws {
        let folder = CLI.temporaryFolder("shard-merge")
        let file = Self.sweepFile(folder)
        let whole = CLI.run(["sweep", file, "-q"])
        #expect(whole.status == 0, "\(whole.stderr)")
        // Shard reports into one shared folder (`--out DIR/`), with their default names.
        for k in 0..<3 {
            let out = CLI.run(["sweep", file, "--shard", "\(k)/3", "--out", folder + "/shards/", "-q"])
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stdout.contains("shard report: \(folder)/shards/small-sweep.shard-\(k)-of-3.sqlite"))
        }
        let merged = folder + "/merged.sqlite"
        let merge = CLI.run(["sweep", "merge", folder + "/shards", "--out", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        let unsharded = folder + "/small-sweep.sqlite"
        for object in Self.objects {
            let a = CLI.sqlite(unsharded, "SELECT * FROM \(object)")
            // Without leave_one_out, `v_strategy_marginal` has no rows.
            #expect(a.isEmpty == (object == "v_strategy_marginal"), "\(object)")
            #expect(a == CLI.sqlite(merged, "SELECT * FROM \(object)"), "\(object) differs")
        }
        #expect(
            merge.stdout.replacingOccurrences(of: merged, with: "")
                == whole.stdout.replacingOccurrences(of: unsharded, with: ""))
        // Merging the same set again (files named one by one, twice) gives the same file.
        let again = folder + "/again.sqlite"
        let shards = (0..<3).map { folder + "/shards/small-sweep.shard-\($0)-of-3.sqlite" }
        #expect(CLI.run(["sweep", "merge"] + shards.reversed() + shards + ["--out", again]).status == 0)
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: merged))
        // `hedgesim sweep run FILE` is `hedgesim sweep FILE`.
        let run = CLI.run(["sweep", "run", file, "--out", folder + "/run.sqlite", "-q"])
        #expect(run.status == 0)
        #expect(
            CLI.sqlite(folder + "/run.sqlite", "SELECT * FROM sweep_runs")
                == CLI.sqlite(merged, "SELECT * FROM sweep_runs"))
    }

    @Test func incompleteSetIsRefusedAndARerunShardCompletesIt() {
        let folder = CLI.temporaryFolder("shard-incomplete")
        let file = Self.sweepFile(folder)
        // Without --out, a shard report goes next to the sweep report.
        let first = CLI.run(["sweep", file, "--shard", "0/2", "-q"])
        #expect(first.status == 0, "\(first.stderr)")
        let shard0 = folder + "/small-sweep.shard-0-of-2.sqlite"
        #expect(FileManager.default.fileExists(atPath: shard0))
        // `report` and `export` read whole reports only.
        let report = CLI.run(["report", shard0])
        #expect(report.status == 64)
        #expect(
            report.stderr
                == "hedgesim: \(shard0): a sweep shard report; `hedgesim report` reads whole reports (merge the "
                + "shards with `hedgesim sweep merge`, docs/sweeps.md)\n")
        let plan = CLI.run(["sweep", file, "--plan", "--shard", "1/2"])
        #expect(plan.status == 0)
        #expect(plan.stdout.contains("shard 1/2: 4 of 8 runs, expected work 3727 of 7454 bars × symbols (50.0 %)"))
        #expect(plan.stdout.contains("  run 5: point 2, all, whole range, work 1999\n"))
        let runs = plan.stdout.split(separator: "\n").filter { $0.hasPrefix("  run ") }.map {
            $0.dropFirst(6).prefix { $0 != ":" }
        }.joined(separator: ", ")
        let merged = folder + "/merged.sqlite"
        let refused = CLI.run(["sweep", "merge", shard0, "--out", merged])
        #expect(refused.status == 65)
        #expect(
            refused.stderr == "hedgesim: incomplete set of 2 shards: missing shard 1 (runs \(runs)); not merged\n")
        #expect(!FileManager.default.fileExists(atPath: merged))
        // The missing shard, run (again) by the environment a batch engine sets, completes the set.
        let second = CLI.run(
            ["sweep", file, "--shard", "auto", "-q"], environment: ["HEDGESIM_SHARD": "1", "HEDGESIM_SHARDS": "2"])
        #expect(second.status == 0, "\(second.stderr)")
        let merge = CLI.run(["sweep", "merge", folder, "--out", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(CLI.sqlite(merged, "SELECT runs FROM sweeps") == "8")
    }

    @Test func badShardIsAUsageError() {
        let folder = CLI.temporaryFolder("shard-usage")
        let file = Self.sweepFile(folder)
        let cases: [([String], [String: String], String)] = [
            (["--shard", "2/2"], [:], "--shard 2/2: shard index 2 is not below the shard count 2"),
            (["--shard", "x"], [:], "--shard must be K/N (0-based, e.g. 0/4) or auto (got x)"),
            (
                ["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "3"],
                "--shard auto (SLURM_ARRAY_TASK_ID=3): shard index 3 is not below the shard count 3"
            ),
            (
                ["--shard", "auto", "--shards", "2"], ["JOB_COMPLETION_INDEX": "2"],
                "--shard auto (JOB_COMPLETION_INDEX=2): shard index 2 is not below the shard count 2"
            ),
            (["--shards", "2"], [:], "--shards goes with --shard auto"),
        ]
        for (arguments, environment, message) in cases {
            let out = CLI.run(["sweep", file, "--plan"] + arguments, environment: environment)
            #expect(out.status == 64, "\(arguments)")
            #expect(out.stderr == "hedgesim: \(message)\n", "\(arguments)")
        }
        // Not a shard report; a missing one.
        let run = CLI.run(["run", "scenarios/funding-xrp.yaml", "--out", folder + "/run.sqlite", "-q"])
        #expect(run.status == 0)
        let notShard = CLI.run(["sweep", "merge", folder + "/run.sqlite", "--out", folder + "/m.sqlite"])
        #expect(notShard.status == 65)
        #expect(
            notShard.stderr
                == "hedgesim: \(folder)/run.sqlite: not a sweep shard report (write shards with "
                + "`hedgesim sweep FILE --shard K/N`)\n")
        let missing = CLI.run(["sweep", "merge", folder + "/none.sqlite", "--out", folder + "/m.sqlite"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "hedgesim: \(folder)/none.sqlite: no such shard report or folder\n")
    }
}
