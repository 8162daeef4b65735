import Backtest
import Foundation
import Pipeline
import Reports
import Results
import TestSupport
import Testing

@Suite struct RunPipelineTests {
    @Test func runWritesTheReportAndReportsWhatItDid() throws {
        let workspace = PipelineWorkspace("run")
        defer { workspace.remove() }
        let log = EventLog<RunEvent>()
        let request = RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite"))
        let outcome = try RunPipeline.run(request, events: { log.append($0) })
        #expect(outcome.scenario == "funding-xrp")
        #expect(outcome.reportPath == workspace.file("r.sqlite"))
        #expect(outcome.runIDs == [1])
        #expect(outcome.runs[0].label == "funding-xrp")
        #expect(outcome.runs[0].bars == 1999)
        #expect(outcome.runs[0].signals == 61)
        #expect(outcome.runs[0].executed > 0)
        #expect(outcome.runs[0].fills >= outcome.runs[0].executed)
        #expect(outcome.barCount == 1999)
        #expect(outcome.csvFiles.isEmpty)
        #expect(outcome.html == nil)
        #expect(workspace.names == ["r.sqlite"])
        // The summary is what `hedgesim report` prints, with the digest the report stores.
        #expect(outcome.summary == (try ReportSummary.render(dbPath: workspace.file("r.sqlite"), runIDs: [1])))
        #expect(outcome.summary.contains("digest    result \(outcome.runs[0].resultDigest)"))
        let db = try ReportDatabase(path: workspace.file("r.sqlite"))
        #expect(
            try db.query("SELECT result_digest FROM runs").value(0, "result_digest")
                == .text(outcome.runs[0].resultDigest))
        // The wall times go into run_timings and nowhere else.
        let timings = try db.query("SELECT read_seconds, simulate_seconds, report_seconds FROM run_timings")
        #expect(timings.value(0, "read_seconds").double == outcome.timings.read)
        #expect(timings.value(0, "simulate_seconds").double == outcome.timings.simulate)
        #expect(timings.value(0, "report_seconds").double == outcome.timings.write)
        #expect(outcome.timings.read > 0 && outcome.timings.simulate > 0 && outcome.timings.write > 0)
        // Events: loaded first, progress in between, the last simulation's end, then all written.
        let events = log.events
        #expect(events.first == .loaded(scenario: "funding-xrp", bars: 1999))
        #expect(events.last == .allRunsWritten)
        #expect(events.filter { $0 == .lastSimulationEnded }.count == 1)
        let progress = events.compactMap { event -> Int? in
            if case .progress(let done, let total) = event, total == 1999 { done } else { nil }
        }
        #expect(progress.last == 1999)
        #expect(events.count == progress.count + 3)
    }

    /// The same result digest as a direct simulation: the pipeline adds timings and files, never
    /// a difference in what is computed.
    @Test func digestEqualsTheSimulations() throws {
        let workspace = PipelineWorkspace("digest")
        defer { workspace.remove() }
        let variants = try RunVariant.comparison(modes: ["accumulate", "reject_duplicates"], protection: nil)
        let outcome = try RunPipeline.run(
            RunRequest(
                scenarioPath: PipelineWorkspace.scenario, variants: variants, reportPath: workspace.file("c.sqlite"),
                threads: 2))
        let scenarios = try variants.map {
            ($0.label!, try ScenarioLoader.load(path: PipelineWorkspace.scenario, overrides: $0.overrides))
        }
        let direct = try Simulation.runAll(scenarios, data: try ScenarioData.load(scenarios[0].1))
        #expect(outcome.runs.map(\.resultDigest) == direct.map(\.resultDigest))
        #expect(outcome.runs.map(\.label) == ["accumulate", "reject_duplicates"])
        #expect(outcome.runIDs == [1, 2])
        let single = try RunPipeline.run(
            RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite")))
        #expect(single.runs[0].resultDigest == outcome.runs[0].resultDigest)
    }

    @Test func exportsCSVAndHTML() throws {
        let workspace = PipelineWorkspace("exports")
        defer { workspace.remove() }
        let outcome = try RunPipeline.run(
            RunRequest(
                scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite"),
                csvDirectory: workspace.file("csv"), htmlPath: workspace.file("r.html")))
        #expect(outcome.csvFiles.contains(workspace.file("csv/fills.csv")))
        #expect(outcome.csvFiles.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let html = try #require(outcome.html)
        #expect(html.path == workspace.file("r.html"))
        #expect(html.bytes == (try FileManager.default.attributesOfItem(atPath: html.path)[.size] as? Int))
        #expect(outcome.footer.hasSuffix("  ·  html \(html.path) (\(TextFormat.grouped(html.bytes / 1024)) KB)"))
    }

    @Test func cancelledBeforeSimulatingWritesNothing() throws {
        let workspace = PipelineWorkspace("cancel-early")
        defer { workspace.remove() }
        let log = EventLog<RunEvent>()
        #expect(throws: SimulationCancelled.self) {
            try RunPipeline.run(
                RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("r.sqlite")),
                events: { log.append($0) }, isCancelled: { true })
        }
        #expect(workspace.names.isEmpty)
        #expect(log.events.isEmpty)
    }

    /// Five days of the quickstart (7 200 bar times): the simulation asks every 4 096.
    @Test func cancelledWhileSimulatingWritesNothing() throws {
        let workspace = PipelineWorkspace("cancel")
        defer { workspace.remove() }
        let log = EventLog<RunEvent>()
        #expect(throws: SimulationCancelled.self) {
            try RunPipeline.run(
                RunRequest(
                    scenarioPath: Fixtures.path("scenarios/quickstart.yaml"),
                    overrides: ["data.end=2026-02-06T00:00:00Z"],
                    reportPath: workspace.file("r.sqlite")),
                events: { log.append($0) },
                isCancelled: { log.events.contains { if case .loaded = $0 { true } else { false } } })
        }
        #expect(workspace.names.isEmpty)
        #expect(log.events.contains { if case .progress = $0 { true } else { false } })
        #expect(!log.events.contains(.allRunsWritten))
    }

    @Test func badRequestsThrowTheLibraryErrors() throws {
        let workspace = PipelineWorkspace("bad")
        defer { workspace.remove() }
        do {
            _ = try RunPipeline.run(RunRequest(scenarioPath: workspace.file("none.yaml")))
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.kind == .missingFile)
            #expect(error.description == "\(workspace.file("none.yaml")): no such file")
        }
        do {
            _ = try RunPipeline.run(RunRequest(scenarioPath: PipelineWorkspace.scenario, overrides: ["nonsense"]))
            Issue.record("expected an error")
        } catch let error as ScenarioError {
            #expect(error.kind == .usage)
        }
        #expect(throws: RunRequestError("nothing to run")) {
            try RunPipeline.run(RunRequest(scenarioPath: PipelineWorkspace.scenario, variants: []))
        }
        _ = FileManager.default.createFile(atPath: workspace.file("file"), contents: Data())
        do {
            _ = try RunPipeline.run(
                RunRequest(scenarioPath: PipelineWorkspace.scenario, reportPath: workspace.file("file/dir/r.sqlite")))
            Issue.record("expected an error")
        } catch let error as ReportError {
            #expect(error.kind == .io)
            #expect(error.message.hasPrefix("\(workspace.file("file/dir")): cannot create the report folder ("))
        }
    }
}
