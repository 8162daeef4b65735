import Backtest
import Foundation
import Pipeline
import Reports
import Results
import Testing

/// The report written while the runs simulate (their decisions and equity streamed into the
/// session) holds the same rows as the runs written after they finished.
@Suite struct StreamedWriteTests {
    /// Every table's rows in rowid order and the schema, as text (`run_timings` left out).
    static func content(_ path: String) throws -> [String] {
        let db = try ReportDatabase(path: path)
        var lines = try db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name").rows.map { "\($0)" }
        for table in ReportSchema.tables where table.name != "run_timings" {
            lines += try db.query("SELECT * FROM \(table.name) ORDER BY rowid").rows.map { "\(table.name) \($0)" }
        }
        return lines
    }

    @Test(arguments: [1, 5, 1024])
    func streamingChangesNoRow(_ chunkRows: Int) throws {
        let workspace = PipelineWorkspace("streamed")
        defer { workspace.remove() }
        let runs: [(label: String, scenario: Scenario)] = try ["accumulate", "reject_duplicates"].map {
            (
                $0,
                try ScenarioLoader.load(
                    path: PipelineWorkspace.scenario, overrides: ["engine.same_direction=\($0)"])
            )
        }
        let data = try ScenarioData.load(runs[0].1)
        let finished = try Simulation.runAll(runs, data: data)
        try ReportWriter.write(finished, to: workspace.file("a.sqlite"))
        let session = try ReportSession(path: workspace.file("b.sqlite"))
        var streamed = 0
        var digests: [String] = []
        try Simulation.runAll(
            runs, data: data, digests: false, threads: 1,
            streamed: { _, chunk in
                try session.stream(chunk)
                streamed += chunk.count
            }, streamChunkRows: chunkRows
        ) { _, run in digests.append(try session.append(run).resultDigest) }
        try session.finish()
        #expect(digests == finished.map(\.resultDigest))
        #expect((streamed > 0) == (chunkRows < 1024))
        #expect(try Self.content(workspace.file("b.sqlite")) == (try Self.content(workspace.file("a.sqlite"))))
    }
}
