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
    }
}
