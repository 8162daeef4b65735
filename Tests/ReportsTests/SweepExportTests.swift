import Foundation
import Testing

@testable import Reports

/// `hedgesim export` on a sweep report (its sweep tables and views, whatever the file holds) and
/// on `compare_vs_first`.
@Suite struct SweepExportTests {
    let folder = TemporaryFolder()

    @Test func aSweepReportExportsItsSweepTablesAndViews() throws {
        let database = try SweepReportFixture.write(folder)
        let catalog = try ReportExporter.catalog(database: database)
        #expect(catalog.isSweep)
        #expect(
            catalog.tables == ["sweeps", "sweep_points", "v_sweep_ranking", "v_sweep_by_window", "v_strategy_marginal"])
        #expect(catalog.views == ["v_sweep_vs_baseline"])
        let files = try ReportExporter.export(database: database, to: folder.file("csv"))
        #expect(files.map { ($0 as NSString).lastPathComponent } == catalog.objectNames.map { $0 + ".csv" })
        // A table by its primary key (the rows were inserted last point first), RFC 4180 with CRLF.
        let points = try #require(folder.contents("csv/sweep_points.csv")).components(separatedBy: "\r\n")
        #expect(points.count == 1 + 8 + 1)
        #expect(
            points[0]
                == "point_id,is_baseline,label,engine_same_direction,engine_reentry_cooldown,protection,"
                + "exchange_taker_fee")
        #expect(
            points[1]
                == "1,1,engine.same_direction=accumulate engine.reentry_cooldown=0s protection=per_strategy "
                + "exchange.taker_fee=0.0004,accumulate,0s,per_strategy,0.0004")
        #expect(points[8].hasPrefix("8,0,"))
        #expect(points[9] == "")
        // A view in its own order.
        let view = try #require(folder.contents("csv/v_sweep_vs_baseline.csv")).components(separatedBy: "\r\n")
        #expect(view.dropFirst().first?.hasPrefix("8,") == true)
        // Quotes and commas in strategy ids are quoted.
        let marginal = try #require(folder.contents("csv/v_strategy_marginal.csv"))
        #expect(
            marginal
                == "point_id,strategy_id,portfolio_net,net_without,marginal_contribution,booked_net,interaction_effect\r\n"
                + "1,\"a&b \"\"q\"\" 'x'\",-110,-90,-20,5,-25\r\n1,mom<script>alert(1)</script>,-110,-150,40,-20,60\r\n"
                + "7,\"a&b \"\"q\"\" 'x'\",130,120,10,15,-5\r\n7,mom<script>alert(1)</script>,130,100,30,10,20\r\n")
        // JSON Lines too.
        try ReportExporter.export(
            database: database, objects: ["sweeps"], to: folder.file("jsonl"), format: .jsonl)
        #expect(
            folder.contents("jsonl/sweeps.jsonl")?.hasPrefix(
                "{\"sweep_id\":1,\"sweep_file\":\"/tmp/fixture-sweep.yaml\",\"spec_digest\":\"spec0123\"") == true)
    }

    @Test func aSweepReportRefusesRunFiltersAndNamesItsObjects() throws {
        let database = try SweepReportFixture.write(folder)
        #expect(
            throws: ReportError(
                .usage,
                "\(database): `sweeps` has no run_id column; --run and --mode select runs of a run report's tables "
                    + "(export a sweep table whole)")
        ) {
            try ReportExporter.export(database: database, runIDs: [1], to: folder.file("x"))
        }
        #expect(
            throws: ReportError(
                .unknownObject,
                "\(database): no table or view `sweep_pionts`; did you mean `sweep_points`? (tables: sweeps, "
                    + "sweep_points, v_sweep_ranking, v_sweep_by_window, v_strategy_marginal; views: "
                    + "v_sweep_vs_baseline)")
        ) {
            try ReportExporter.export(database: database, objects: ["sweep_pionts"], to: folder.file("x"))
        }
        // The run tables of a sweep report without runs are not exported.
        #expect(throws: ReportError.self) {
            try ReportExporter.export(database: database, objects: ["fills"], to: folder.file("x"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("x")))
    }

    @Test func compareVsFirstIsATableOfEveryRunReport() throws {
        let database = try SampleRuns.writeReport(folder)
        #expect(ReportSchema.tableNames.last == "compare_vs_first")
        #expect(ReportSchema.objectNames.contains("compare_vs_first"))
        let catalog = try ReportExporter.catalog(database: database)
        #expect(!catalog.isSweep)
        #expect(catalog.tables.contains("compare_vs_first") && !catalog.views.contains("compare_vs_first"))
        try CompareVsFirst.write(
            [
                CompareVsFirst.Row(
                    runID: 2, baselineRunID: 1, days: 28, deltaNet: 12.5, ciLow: -3.25, ciHigh: 28.75, pValue: 0.123,
                    daysWon: 9, resamples: 2000, blockDays: 1, seed: 1)
            ], at: database)
        try ReportExporter.export(database: database, objects: ["compare_vs_first"], to: folder.file("csv"))
        #expect(
            folder.contents("csv/compare_vs_first.csv")
                == "run_id,baseline_run_id,days,delta_net,ci_low,ci_high,p_value,days_won,resamples,block_days,seed\r\n"
                + "2,1,28,12.5,-3.25,28.75,0.123,9,2000,1,1\r\n")
        try ReportExporter.export(
            database: database, runIDs: [1], objects: ["compare_vs_first"], to: folder.file("run1"))
        #expect(
            folder.contents("run1/compare_vs_first.csv")
                == "run_id,baseline_run_id,days,delta_net,ci_low,ci_high,p_value,days_won,resamples,block_days,seed\r\n"
        )
    }
}
