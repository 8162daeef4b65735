import Foundation
import TestSupport
import Testing

/// `hedgesim sweep --html`, `hedgesim report SWEEP --html` and `hedgesim export SWEEP` on the XRP
/// sweep of `SweepCLITests`, and the page in headless Chromium when it is installed.
@Suite(.serialized) struct SweepHTMLCLITests {
    /// The sweep objects every sweep report has (more may come).
    static let sweepObjects = [
        "sweeps", "sweep_points", "sweep_runs", "sweep_strategy_runs", "sweep_run_days", "sweep_comparisons",
        "v_sweep_vs_baseline", "v_sweep_ranking", "v_sweep_by_window", "v_strategy_marginal",
    ]

    @Test func sweepWritesThePageReportRewritesItExportWritesTheTables() throws {
        let folder = CLI.temporaryFolder("sweep-html")
        let file = SweepCLITests.sweepFile(folder)
        let html = folder + "/sweep.html"
        let out = CLI.run(["sweep", file, "--quiet", "--html", html])
        #expect(out.status == 0, "\(out.stderr)")
        let db = folder + "/xrp-sweep.sqlite"
        #expect(out.stdout.contains("report: \(db)\nhtml \(html) ("))
        #expect(out.stdout.hasSuffix(" KB)\n"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        for id in [
            "table-sweep", "table-sweep-ranking", "heat-x-0", "heat-y-1", "chart-sweep-delta", "chart-sweep-windows",
            "table-sweep-windows", "chart-marginal-baseline", "table-marginal",
            "table-heatmap-x0-y1-delta-fixed",
        ] {
            #expect(page.contains("id=\"\(id)\""), "\(id)")
        }
        #expect(page.contains("<label for=\"heat-x-0\">engine.same_direction</label>"))
        // Two varied keys: 2 ordered pairs × 3 figures, no other keys to fix.
        #expect(page.components(separatedBy: "<div class=\"hm ").count - 1 == 6)
        // Every point's Δ dot: 4 points (the Δ chart comes before the per-strategy section).
        let strategies = try #require(page.range(of: "<section id=\"strategies\">"))
        #expect(page[..<strategies.lowerBound].components(separatedBy: "class=\"point").count - 1 == 4)
        // The best point's strategies against the baseline, and the Reality Check over the 3 other points.
        #expect(page.contains("id=\"chart-sweep-strategies\""))
        #expect(page.contains("id=\"table-sweep-strategies\""))
        #expect(page.contains("White&#39;s Reality Check for the best point, #1 · point "))
        #expect(page.contains("against the baseline over 3 candidate points and "))

        // `report --html` on the sweep report writes the same page.
        let again = CLI.run(["report", db, "--html", folder + "/again.html"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.hasPrefix("html \(folder)/again.html ("))
        #expect(try String(contentsOfFile: folder + "/again.html", encoding: .utf8) == page)
        let refused = CLI.run(["report", db, "--html", folder + "/x.html", "--run", "1"])
        #expect(refused.status == 64)
        #expect(
            refused.stderr
                == "hedgesim: \(db): a sweep report; --run, --symbol, --from and --to apply to run reports\n")
        let plan = CLI.run(["sweep", file, "--plan", "--html", html])
        #expect(plan.status == 64)
        #expect(plan.stderr.contains("--html needs the whole sweep's report; not with --plan, --shard or --emit"))

        // `export`: every sweep table and view, no run table (the sweep has no runs of its own).
        let export = CLI.run(["export", db, "--out", folder + "/csv"])
        #expect(export.status == 0, "\(export.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/csv").sorted()
        #expect(export.stdout == "wrote \(files.count) files to \(folder)/csv\n")
        for object in Self.sweepObjects { #expect(files.contains(object + ".csv"), "\(object)") }
        #expect(!files.contains("runs.csv") && !files.contains("fills.csv"))
        let runs = try String(contentsOfFile: folder + "/csv/sweep_runs.csv", encoding: .utf8)
        #expect(runs.components(separatedBy: "\r\n").count == 1 + 80 + 1)
        #expect(runs.hasPrefix("run_index,point_id,strategy_set,window_index,window_start,window_end,"))
        // Exact decimals from the _e8 columns, as for run reports.
        let net = CLI.sqlite(db, "SELECT net_pnl_e8 FROM sweep_runs WHERE run_index = 1")
        let first = runs.components(separatedBy: "\r\n")[1].components(separatedBy: ",")
        let header = runs.components(separatedBy: "\r\n")[0].components(separatedBy: ",")
        #expect(!header.contains("net_pnl_e8"))
        let netColumn = try #require(header.firstIndex(of: "net_pnl"))
        #expect(Decimal(string: first[netColumn]) == Decimal(string: net).map { $0 / 100_000_000 })
        let ranking = CLI.run([
            "export", db, "--view", "v_sweep_ranking", "--out", folder + "/view", "--format", "jsonl",
        ])
        #expect(ranking.status == 0, "\(ranking.stderr)")
        #expect(ranking.stdout == "wrote 1 file to \(folder)/view\n")
        let asTable = CLI.run(["export", db, "--table", "v_sweep_ranking", "--out", folder + "/y"])
        #expect(asTable.status == 64)
        #expect(asTable.stderr == "hedgesim: `v_sweep_ranking` is a view; use --view v_sweep_ranking\n")
        let byRun = CLI.run(["export", db, "--run", "1", "--out", folder + "/z"])
        #expect(byRun.status == 64)
        #expect(
            byRun.stderr
                == "hedgesim: \(db): `sweeps` has no run_id column; --run and --mode select runs of a run report's "
                + "tables (export a sweep table whole)\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/z"))

        // The page in a browser: rendered, every section and chart there, no console error.
        guard Self.chromium != nil else { return }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = [
            Fixtures.path("scripts/render-report.sh"), html, folder + "/browser", "sweep", "ranking", "heatmap",
            "delta", "windows", "marginal", "table-sweep-ranking", "heat-x-0", "table-heatmap-", "chart-sweep-delta",
            "chart-sweep-windows", "chart-marginal-baseline", "table-marginal",
        ]
        let err = Pipe()
        check.standardError = err
        check.standardOutput = FileHandle.nullDevice
        try check.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "render-report.sh: \(message)")
        let dom = try String(contentsOfFile: folder + "/browser/dom.html", encoding: .utf8)
        #expect(dom.components(separatedBy: "<circle ").count - 1 >= 4)
        #expect(dom.contains("class=\"bar\""))
    }

    static let chromium = ["chromium", "chromium-browser", "google-chrome"].first { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }
}
