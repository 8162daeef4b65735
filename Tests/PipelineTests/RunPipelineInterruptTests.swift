import Backtest
import Foundation
import Pipeline
import Reports
import TestSupport
import Testing

/// A stop requested after the simulation ended (while the report is finished) leaves the previous
/// report and no temporary file, instead of replacing it.
@Suite struct RunPipelineInterruptTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false

        func set() { lock.withLock { value = true } }

        var isSet: Bool { lock.withLock { value } }
    }

    @Test func aStopAfterTheSimulationKeepsThePreviousReport() throws {
        let workspace = PipelineWorkspace("late-stop")
        defer { workspace.remove() }
        let path = workspace.file("r.sqlite")
        _ = try RunPipeline.run(RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: path))
        let before = FileManager.default.contents(atPath: path)
        let stop = Flag()
        let request = RunRequest(
            scenarioPath: PipelineWorkspace.scenario, variants: [.scenario, .scenario], reportPath: path)
        #expect(throws: SimulationCancelled.self) {
            _ = try RunPipeline.run(
                request,
                events: { event in
                    if case .allRunsWritten = event { stop.set() }
                }, isCancelled: { stop.isSet })
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(workspace.names == ["r.sqlite"])
    }

    @Test func aStopAfterTheReportKeepsItAndWritesNoPage() throws {
        let workspace = PipelineWorkspace("later-stop")
        defer { workspace.remove() }
        let stop = Flag()
        let request = RunRequest(
            scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite"),
            htmlPath: workspace.file("r.html"))
        do {
            _ = try RunPipeline.run(
                request,
                events: { event in
                    if case .allRunsWritten = event { stop.set() }
                }, isCancelled: { stop.isSet && FileManager.default.fileExists(atPath: workspace.file("r.sqlite")) })
            Issue.record("not interrupted")
        } catch let error as RunInterrupted {
            #expect(error.reportPath == workspace.file("r.sqlite"))
        }
        #expect(workspace.names == ["r.sqlite"])
    }
}
