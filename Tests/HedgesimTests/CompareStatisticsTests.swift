import Foundation
import TestSupport
import Testing

/// `compare`'s bootstrap of each variant against the first: the `compare_vs_first` rows, their
/// agreement with the summary's `Δ net`, the `statistics.bootstrap.*` keys (seeded, outside the
/// digest) and their errors.
@Suite struct CompareStatisticsTests {
    static let scenario = "scenarios/funding-xrp.yaml"

    static func compare(_ folder: String, _ name: String, _ extra: [String] = []) -> (CLI.Output, String) {
        let db = folder + "/\(name).sqlite"
        return (CLI.run(["compare", scenario, "--out", db] + extra), db)
    }

    @Test func eachVariantIsComparedWithTheFirstWithAnInterval() throws {
        let folder = CLI.temporaryFolder("vs-first")
        let (out, db) = Self.compare(folder, "a")
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("95 % CI"))
        let rows = CLI.sqlite(
            db,
            """
            SELECT c.run_id, c.baseline_run_id, c.resamples, c.block_days, c.seed,
                ABS(c.delta_net - (m.net_pnl - f.net_pnl)) < 1e-6,
                c.ci_low <= c.delta_net AND c.delta_net <= c.ci_high,
                c.p_value > 0 AND c.p_value <= 1, c.days > 1
            FROM compare_vs_first c
            JOIN v_mode_comparison m ON m.run_id = c.run_id
            JOIN v_mode_comparison f ON f.run_id = c.baseline_run_id
            ORDER BY c.run_id
            """)
        #expect(rows == "2|1|2000|1|1|1|1|1|1\n3|1|2000|1|1|1|1|1|1")
        // The printed interval is the table's.
        let interval = CLI.sqlite(db, "SELECT printf('[%+.2f, %+.2f]', ci_low, ci_high) FROM compare_vs_first")
        for line in interval.split(separator: "\n") {
            let printed = line.replacingOccurrences(of: "[+", with: "[").replacingOccurrences(of: " +", with: " ")
            #expect(out.stdout.contains(String(line)) || out.stdout.contains(printed), "\(line)")
        }
    }

    @Test func theBootstrapKeysChangeTheIntervalButNoDigest() {
        let folder = CLI.temporaryFolder("vs-first-keys")
        let (first, firstDB) = Self.compare(folder, "a")
        let (again, againDB) = Self.compare(folder, "b")
        let (other, otherDB) = Self.compare(
            folder, "c",
            [
                "--set", "statistics.bootstrap.seed=2", "--set", "statistics.bootstrap.block=3d", "--set",
                "statistics.bootstrap.resamples=500",
            ])
        #expect(first.status == 0 && again.status == 0 && other.status == 0)
        let digests = CLI.digests(first.stdout)
        #expect(digests.count == 3)
        #expect(CLI.digests(other.stdout) == digests)
        #expect(
            CLI.sqlite(firstDB, "SELECT settings_json FROM runs")
                == CLI.sqlite(otherDB, "SELECT settings_json FROM runs"))
        let table = "SELECT * FROM compare_vs_first ORDER BY run_id"
        #expect(CLI.sqlite(firstDB, table) == CLI.sqlite(againDB, table))
        #expect(CLI.sqlite(firstDB, table) != CLI.sqlite(otherDB, table))
        #expect(
            CLI.sqlite(otherDB, "SELECT resamples, block_days, seed FROM compare_vs_first") == "500|3|2\n500|3|2")
        #expect(
            CLI.sqlite(firstDB, "SELECT delta_net FROM compare_vs_first")
                == CLI.sqlite(otherDB, "SELECT delta_net FROM compare_vs_first"))
    }

    @Test func aSingleRunLeavesTheTableEmpty() {
        let folder = CLI.temporaryFolder("vs-first-run")
        let db = folder + "/r.sqlite"
        let out = CLI.run(["run", Self.scenario, "--out", db, "-q"])
        #expect(out.status == 0)
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM compare_vs_first") == "0")
    }

    @Test func badBootstrapKeysGiveTheExactErrorAndExitCode() {
        let cases: [(String, Int32, String)] = [
            ("block=36h", 65, "`statistics.bootstrap.block` must be whole days from 1d to 10000d (36h)"),
            ("block=0d", 65, "`statistics.bootstrap.block` must be whole days from 1d to 10000d (0d)"),
            ("resamples=0", 65, "`statistics.bootstrap.resamples` must be between 1 and 1000000 (0)"),
            ("seed=-1", 65, "`statistics.bootstrap.seed` must be ≥ 0 (-1)"),
            (
                "seeds=2", 64,
                "unknown key `statistics.bootstrap.seeds`; did you mean `statistics.bootstrap.seed`? "
                    + "(statistics.bootstrap.seeds=2)"
            ),
        ]
        for (setting, code, message) in cases {
            let out = CLI.run(["compare", Self.scenario, "--set", "statistics.bootstrap." + setting, "-q"])
            #expect(out.status == code, "\(setting)")
            #expect(out.stderr == "hedgesim: --set: \(message)\n")
            #expect(out.stdout.isEmpty)
        }
    }
}
