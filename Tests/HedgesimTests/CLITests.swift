import Foundation
import TestSupport
import Testing

/// End-to-end tests of the command line on the real sample data (`data/`).
@Suite(.serialized) struct CLITests {
    /// The quickstart's result digest. It changes only when behaviour changes on purpose; update
    /// it then (and say why in the commit).
    static let quickstartDigest = "c1f9211816b8f9b48b4ea9623e1ee8baa3adbe744b7bb61317a4c2b7693dcfee"

    @Test func helpListsTheCommands() {
        let out = CLI.run(["--help"])
        #expect(out.status == 0)
        for command in ["run", "compare", "report", "export", "signals", "data", "bench"] {
            #expect(out.stdout.contains("  \(command)"), "\(command) missing from --help")
        }
    }

    @Test func runWritesTheReportAndPrintsTheSummary() {
        let folder = CLI.temporaryFolder("run")
        let db = folder + "/q.sqlite"
        let out = CLI.run(["run", "scenarios/quickstart.yaml", "--out", db, "--quiet"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stderr.isEmpty)
        #expect(CLI.digests(out.stdout) == [Self.quickstartDigest])
        #expect(out.stdout.contains("signals   3786 total, 3785 decided, 1 outside the range, 0 unknown symbol"))
        #expect(out.stdout.contains("(1m, 161280 bars)"))
        for strategy in ["mean_reversion_v1", "momentum_v1", "rsi_extreme_reversal", "volume_surge_breakout"] {
            #expect(out.stdout.contains(strategy))
        }
        #expect(CLI.sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM signal_decisions") == "3786")
        #expect(CLI.sqlite(db, "SELECT result_digest FROM runs") == Self.quickstartDigest)
        // Every open strategy position is on an open exchange lifecycle, and the lifecycle's
        // quantity is the sum of its open strategy positions (per_strategy).
        let mismatches = CLI.sqlite(
            db,
            """
            SELECT COUNT(*) FROM exchange_positions e WHERE e.status = 'open' AND e.current_quantity_e8 !=
              (SELECT COALESCE(SUM(remaining_quantity_e8), 0) FROM strategy_positions s
               WHERE s.lifecycle_id = e.lifecycle_id AND s.run_id = e.run_id AND s.status IN ('open', 'partial'))
            """)
        #expect(mismatches == "0")
    }

    @Test func runsAreDeterministicWhateverTheHashSeed() {
        let folder = CLI.temporaryFolder("det")
        let a = CLI.run(["run", "scenarios/quickstart.yaml", "--out", folder + "/a.sqlite", "-q"])
        let b = CLI.run(
            ["run", "scenarios/quickstart.yaml", "--out", folder + "/b.sqlite", "-q"],
            environment: ["SWIFT_DETERMINISTIC_HASHING": "1"])
        #expect(a.status == 0 && b.status == 0)
        #expect(CLI.digests(a.stdout) == CLI.digests(b.stdout))
        #expect(CLI.digests(a.stdout).count == 1)
        // Every result table is identical row for row (run_timings holds wall times).
        for table in [
            "signal_decisions", "orders", "fills", "strategy_positions", "position_contributions", "exchange_positions",
            "equity",
        ] {
            #expect(
                CLI.sqlite(folder + "/a.sqlite", "SELECT COUNT(*), TOTAL(rowid) FROM \(table)")
                    == CLI.sqlite(folder + "/b.sqlite", "SELECT COUNT(*), TOTAL(rowid) FROM \(table)"))
        }
    }

    @Test func compareRunsEveryModeAndMatchesRun() {
        let folder = CLI.temporaryFolder("compare")
        let db = folder + "/c.sqlite"
        let out = CLI.run(["compare", "scenarios/quickstart.yaml", "--out", db, "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let digests = CLI.digests(out.stdout)
        #expect(digests.count == 3)
        #expect(digests.first == Self.quickstartDigest)  // accumulate is the scenario's own mode
        #expect(Set(digests).count == 3)
        #expect(out.stdout.contains("Comparison (Δ against run 1: accumulate)"))
        #expect(
            CLI.sqlite(db, "SELECT label FROM runs ORDER BY run_id") == "accumulate\nstrongest_wins\nreject_duplicates")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM v_mode_comparison") == "3")
    }

    @Test func compareProtectionModels() {
        let folder = CLI.temporaryFolder("protection")
        let out = CLI.run([
            "compare", "scenarios/quickstart.yaml", "--protection", "per_strategy,live_compat", "--out",
            folder + "/p.sqlite", "-q",
        ])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(CLI.digests(out.stdout).first == Self.quickstartDigest)
        #expect(
            CLI.sqlite(
                folder + "/p.sqlite",
                "SELECT COUNT(*) > 0 FROM strategy_positions WHERE run_id = 2 AND status = 'closed_externally'")
                == "1")
    }

    @Test func interruptedRunLeavesNoReport() {
        let folder = CLI.temporaryFolder("interrupt")
        let db = folder + "/i.sqlite"
        let out = CLI.run(["compare", "scenarios/quickstart.yaml", "--out", db, "-q"], interruptAfter: 0.3)
        #expect(out.status == 130 || out.signaled)
        #expect(!FileManager.default.fileExists(atPath: db))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == [])
    }

    // MARK: Bad scenarios: exact message and exit code

    static func scenario(
        _ folder: String, _ name: String, replacing: String = "", with replacement: String = "", append: String = ""
    ) -> String {
        let root = Fixtures.repositoryRoot
        var text = """
            name: bad
            data:
              interval: 1m
              klines: {AVAXUSDT: \(root)/data/klines/AVAXUSDT-1m-2026-02.csv.zst}
              symbol_rules: \(root)/data/rules/exchange-info.json
            signals: \(root)/data/signals/quickstart.jsonl.zst

            """
        if !replacing.isEmpty { text = text.replacingOccurrences(of: replacing, with: replacement) }
        text += append
        // The report in the test's folder (last, so the lines above keep their numbers): by default
        // it would be `reports/bad.sqlite` in the repository, shared (and locked) by every test that
        // gets as far as writing it.
        if !append.contains("report:") {
            if !text.hasSuffix("\n") { text += "\n" }
            text += "report: {path: \(folder)/\(name).sqlite}\n"
        }
        let file = folder + "/\(name).yaml"
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    @Test func badScenariosGiveTheExactErrorAndExitCode() {
        let folder = CLI.temporaryFolder("bad")
        let root = Fixtures.repositoryRoot
        let cases: [(String, Int32, String)] = [
            (
                Self.scenario(folder, "missing", replacing: "AVAXUSDT-1m-2026-02", with: "NOPE-1m"), 66,
                "missing.yaml:4: `data.klines.AVAXUSDT`: no such file (\(root)/data/klines/NOPE-1m.csv.zst)"
            ),
            (
                Self.scenario(folder, "unknown", append: "exchange: {taker_fe: 0.0004}\n"), 65,
                "unknown.yaml:7: unknown key `exchange.taker_fe`; did you mean `exchange.taker_fee`?"
            ),
            (
                Self.scenario(folder, "type", append: "account: {leverage: ten}\n"), 65,
                "type.yaml:7: `account.leverage` must be an integer (ten)"
            ),
            (
                Self.scenario(folder, "fee", append: "exchange: {taker_fee: -0.0005}\n"), 65,
                "fee.yaml:7: `exchange.taker_fee` must be between 0 and 0.01 (-0.0005)"
            ),
            (
                Self.scenario(
                    folder, "range", replacing: "  interval: 1m\n",
                    with: "  interval: 1m\n  start: 2026-02-10T00:00:00Z\n  end: 2026-02-01T00:00:00Z\n"), 65,
                "range.yaml:5: `data.end` is before `data.start` (2026-02-01T00:00:00.000Z < 2026-02-10T00:00:00.000Z)"
            ),
            (
                Self.scenario(folder, "symbol", replacing: "{AVAXUSDT:", with: "{XYZUSDT:"), 65,
                "symbol.yaml:4: `data.klines.XYZUSDT`: symbol not in \(root)/data/rules/exchange-info.json (XYZUSDT)"
            ),
        ]
        for (file, code, message) in cases {
            let out = CLI.run(["run", file, "-q"])
            #expect(out.status == code, "\(file)")
            #expect(out.stderr == "hedgesim: \(folder)/\(message)\n")
            #expect(out.stdout.isEmpty)
            #expect(!out.stderr.contains("Fatal") && !out.stderr.contains("backtrace"))
        }
        let missing = CLI.run(["run", folder + "/none.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "hedgesim: \(folder)/none.yaml: no such file\n")
        let set = CLI.run(["run", Self.scenario(folder, "ok"), "--set", "exchange.taker_fe=1"])
        #expect(set.status == 64)
        #expect(
            set.stderr
                == "hedgesim: --set: unknown key `exchange.taker_fe`; did you mean `exchange.taker_fee`? (exchange.taker_fe=1)\n"
        )
    }

    @Test func badSignalLineNamesFileAndLine() {
        let folder = CLI.temporaryFolder("signal")
        let signals = folder + "/s.jsonl"
        _ = FileManager.default.createFile(
            atPath: signals,
            contents: Data(
                "{\"strategy_id\":\"a\",\"symbol\":\"AVAXUSDT\",\"action\":\"buy\",\"confidence\":1.5,\"price\":9,\"quantity\":0,\"current_price\":9,\"source\":\"x\",\"strategy\":\"a\",\"timestamp\":\"2026-02-01T00:00:00Z\"}\n"
                    .utf8))
        let file = Self.scenario(
            folder, "sig", replacing: "\(Fixtures.repositoryRoot)/data/signals/quickstart.jsonl.zst", with: signals)
        let out = CLI.run(["run", file, "-q"])
        #expect(out.status == 65)
        #expect(out.stderr.hasPrefix("hedgesim: \(signals):1: confidence"))
    }

    /// The libraries name the kind of failure; the command line alone turns kinds into exit codes
    /// and messages (docs/cli.md, "Exit codes").
    @Test func errorKindsGiveTheDocumentedExitCodes() {
        let folder = CLI.temporaryFolder("kinds")
        let file = folder + "/plain.txt"
        _ = FileManager.default.createFile(atPath: file, contents: Data("not a db".utf8))
        let usage = CLI.run(["compare", "scenarios/quickstart.yaml", "--modes", "foo"])
        #expect(usage.status == 64)
        #expect(
            usage.stderr == "hedgesim: --modes: unknown mode foo; use accumulate, strongest_wins, reject_duplicates\n")
        let notAReport = CLI.run(["report", file])
        #expect(notAReport.status == 65)
        #expect(notAReport.stderr.hasPrefix("hedgesim: \(file): not a hedgesim report ("))
        let missing = CLI.run(["scenario", "check", folder + "/none.yaml"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "hedgesim: \(folder)/none.yaml: no such file\n")
        let io = CLI.run(["run", "scenarios/funding-xrp.yaml", "-q", "--out", file + "/dir/r.sqlite"])
        #expect(io.status == 1)
        #expect(io.stderr.hasPrefix("hedgesim: \(file)/dir: cannot create the report folder ("))
        #expect(io.stdout.isEmpty)
        let signals = CLI.run([
            "signals", "generate", "data/klines/AVAXUSDT-1m-2026-02.csv.zst", "--out", file + "/s.jsonl",
        ])
        #expect(signals.status == 1)
        #expect(signals.stderr == "hedgesim: \(file): cannot create the signal file folder (not a folder)\n")
        let bench = CLI.run(["bench", "run", "--rules", file, "--bars", "5000", "--runs", "1"])
        #expect(bench.status == 1)
        #expect(bench.stderr.hasSuffix("hedgesim: \(file)/exchange-info.json: cannot read the file\n"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder)) == ["plain.txt"])
    }

    // MARK: Report and export

    @Test func reportAndExportReadTheDatabaseAlone() throws {
        let folder = CLI.temporaryFolder("report")
        let db = folder + "/r.sqlite"
        let run = CLI.run(["run", "scenarios/quickstart.yaml", "--out", db, "-q"])
        #expect(run.status == 0)
        let report = CLI.run(["report", db])
        #expect(report.status == 0)
        // `report` prints the same summary `run` printed (minus run's timing line).
        let summary = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.hasPrefix("report ")
        }
        .joined(separator: "\n")
        #expect(report.stdout.trimmingCharacters(in: .newlines) == summary.trimmingCharacters(in: .newlines))
        let export = CLI.run([
            "export", db, "--table", "strategy_positions", "--view", "v_tp_sl_hit_rates", "--out", folder + "/csv",
        ])
        #expect(export.status == 0, "\(export.stderr)")
        let csv = try String(contentsOfFile: folder + "/csv/strategy_positions.csv", encoding: .utf8)
        #expect(csv.hasPrefix("run_id,"))
        #expect(csv.split(separator: "\r\n").count == 1 + 1632)
        #expect(!csv.contains("00000000001") && !csv.contains("99999999"))
        let missingTable = CLI.run(["export", db, "--table", "nope", "--out", folder + "/x"])
        #expect(missingTable.status == 64)
        #expect(missingTable.stderr.contains("nope"))
        let missingRun = CLI.run(["export", db, "--run", "9", "--out", folder + "/x"])
        #expect(missingRun.status == 64)
        let missingDB = CLI.run(["report", folder + "/none.sqlite"])
        #expect(missingDB.status == 66)
    }

    @Test func dataVerifyNamesEveryProblem() {
        let folder = CLI.temporaryFolder("verify")
        let file = folder + "/AVAXUSDT-1m-2026-02.csv"
        _ = FileManager.default.createFile(
            atPath: file,
            contents: Data(
                """
                1769904000000,10.1130,10.1300,10.1090,10.1280,38521,1769904059999,389800.3310,1077,28754,290983.0070,0
                1769904060000,10.1270,10.1000,10.1150,10.1250,23960,1769904119999,242525.8300,764,15799,159927.0170,0
                1769904120000,10.1270,10.1270,10.1150,10.1250,-5,1769904179999,242525.8300,764,15799,159927.0170,0

                """.utf8))
        let out = CLI.run(["data", "verify", file])
        #expect(out.status == 65)
        #expect(out.stdout.contains(":2:") || out.stderr.contains(":2:"))
        #expect(out.stdout.contains(":3:") || out.stderr.contains(":3:"))
        let good = CLI.run(["data", "verify", "data/klines/AVAXUSDT-1m-2026-02.csv.zst"])
        #expect(good.status == 0)
    }
}

/// The shipped demonstration scenarios.
@Suite(.serialized) struct ScenarioFileTests {
    @Test func liquidationScenarioLiquidatesTheUnprotectedLong() {
        let folder = CLI.temporaryFolder("liq")
        let db = folder + "/l.sqlite"
        let out = CLI.run(["run", "scenarios/liquidation-fil.yaml", "--out", db, "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        let rows = CLI.sqlite(
            db, "SELECT strategy_id, status, close_reason FROM strategy_positions ORDER BY strategy_id")
        #expect(
            rows == "breakout_no_stop|closed|liquidation\nfader|closed|take_profit\ntrend_follower|closed|stop_loss")
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM fills WHERE liquidation = 1") == "1")
        #expect(
            CLI.sqlite(
                db,
                "SELECT liquidated FROM exchange_positions WHERE exchange_position_key = 'FILUSDT_LONG' ORDER BY lifecycle_id LIMIT 1"
            ) == "1")
        // The liquidation fee is charged to the liquidated strategy only.
        #expect(CLI.sqlite(db, "SELECT COUNT(*) FROM strategy_positions WHERE liquidation_fee_e8 > 0") == "1")
    }

    @Test func fundingScenarioSplitsEveryPayment() {
        let folder = CLI.temporaryFolder("funding")
        let db = folder + "/f.sqlite"
        let out = CLI.run(["run", "scenarios/funding-xrp.yaml", "--out", db, "-q"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(Int(CLI.sqlite(db, "SELECT COUNT(*) FROM funding_payments")) ?? 0 > 0)
        // Every settlement's shares add up to it exactly (integer units of 1e-8).
        let unbalanced = CLI.sqlite(
            db,
            """
            SELECT COUNT(*) FROM funding_payments p WHERE p.amount_e8 !=
              (SELECT COALESCE(SUM(s.amount_e8), 0) FROM funding_shares s WHERE s.run_id = p.run_id AND s.funding_seq = p.seq)
            """)
        #expect(unbalanced == "0")
    }
}
