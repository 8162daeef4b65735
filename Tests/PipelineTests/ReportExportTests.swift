import Foundation
import Pipeline
import Reports
import Testing

@Suite struct ReportExportTests {
    @Test func tablesAndViewsMustBeNamedAsWhatTheyAre() throws {
        let workspace = PipelineWorkspace("export")
        defer { workspace.remove() }
        let outcome = try RunPipeline.run(
            RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite")))
        #expect(throws: ReportError(.unknownObject, "`v_tp_sl_hit_rates` is a view; use --view v_tp_sl_hit_rates")) {
            try ReportExport.export(
                database: outcome.reportPath, tables: ["v_tp_sl_hit_rates"], to: workspace.file("x"))
        }
        #expect(throws: ReportError(.unknownObject, "`fills` is a table; use --table fills")) {
            try ReportExport.export(database: outcome.reportPath, views: ["fills"], to: workspace.file("x"))
        }
        let files = try ReportExport.export(
            database: outcome.reportPath, tables: ["fills"], views: ["v_tp_sl_hit_rates"], to: workspace.file("csv"),
            format: .jsonl)
        #expect(files == [workspace.file("csv/fills.jsonl"), workspace.file("csv/v_tp_sl_hit_rates.jsonl")])
        // compare_vs_first is a table (empty for a single run).
        #expect(throws: ReportError(.unknownObject, "`compare_vs_first` is a table; use --table compare_vs_first")) {
            try ReportExport.export(database: outcome.reportPath, views: ["compare_vs_first"], to: workspace.file("x"))
        }
        let compare = try ReportExport.export(
            database: outcome.reportPath, tables: ["compare_vs_first"], to: workspace.file("compare"))
        #expect(compare == [workspace.file("compare/compare_vs_first.csv")])
        #expect(
            try String(contentsOfFile: compare[0], encoding: .utf8)
                == "run_id,baseline_run_id,days,delta_net,ci_low,ci_high,p_value,days_won,resamples,block_days,seed\r\n"
        )
    }
}
