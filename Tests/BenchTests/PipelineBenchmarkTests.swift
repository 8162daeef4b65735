import Backtest
import Foundation
import Pipeline
import Results
import TestSupport
import Testing

@testable import Bench

@Suite struct PipelineBenchmarkTests {
    /// One measured pass runs `hedgesim compare`'s pipeline: the digests are those of the
    /// simulations, the counts add up over the three runs.
    @Test func measureRunsThePipeline() throws {
        let folder = NSTemporaryDirectory() + "hedgesim-pipeline-bench-\(ProcessInfo.processInfo.globallyUniqueString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = try BenchmarkWorkload(bars: 3_000, strategies: 3).write(
            to: folder, rulesDirectory: Fixtures.path("data/rules"), compressionLevel: 1)
        let m = try PipelineBenchmark.measure(scenarioPath: files.scenario, compare: true)
        let variants = try PipelineBenchmark.compareModes.map {
            ($0, try ScenarioLoader.load(path: files.scenario, overrides: ["engine.same_direction=\($0)"]))
        }
        let runs = try Simulation.runAll(variants, data: try ScenarioData.load(variants[0].1))
        #expect(m.digests == runs.map(\.resultDigest))
        #expect(m.runs == 3)
        #expect(m.bars == 3 * 3_000)
        #expect(m.signals == 3 * files.signalCount)
        #expect(m.executed == runs.reduce(0) { $0 + $1.decisions.count { $0.status == "executed" } })
        #expect(m.fills == runs.reduce(0) { $0 + $1.fills.count })
        #expect(m.rows > m.fills)
        #expect(m.read > 0 && m.simulate > 0 && m.writer > 0 && m.report > 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/report.sqlite"))
    }

    @Test func mediansAndDigests() {
        var a = PipelineMeasurement()
        a.read = 1
        a.simulate = 2
        a.report = 0.5
        a.writer = 1
        a.summary = 0.25
        a.process = 4
        a.runs = 1
        a.bars = 2_000_000
        a.signals = 3_000
        a.executed = 2_000
        a.fills = 4_000
        a.rows = 10_000
        a.peakRSSKilobytes = 1024 * 100
        a.digests = ["aa"]
        var b = a
        b.simulate = 4
        b.peakRSSKilobytes = 1024 * 300
        var c = a
        c.simulate = 3
        let lines = PipelineBenchmark.medians([a, b, c], bars: 2_000_000)
        #expect(lines[0] == "median of 3 run(s):")
        #expect(lines[1] == "  read      1.000 s   2.00 M bars/s, 3.0 k signals/s")
        #expect(
            lines[2]
                == "  simulate  3.000 s   666.7 k bars/s, 1.0 k signals/s, 1.3 k fills/s  (1 run(s) × 2,000,000 bars, 1 at a time)"
        )
        #expect(
            lines[3]
                == "  report    0.500 s   after the last simulation; the writer's whole time 1.000 s = 10.0 k rows/s (10,000 rows)"
        )
        #expect(lines[5].contains("peak RSS 100 MB (100, 300, 100)"))
        #expect(lines[6] == "  signals   3,000 decided, 2,000 executed, 4,000 fills")
        #expect(lines[7] == "digest    aa (identical in every run)")
        c.digests = ["ab"]
        let differing = PipelineBenchmark.medians([a, c], bars: 2_000_000)
        #expect(differing.suffix(3) == ["digest    aa (DIFFERS)", "  run 1: aa", "  run 2: ab"])
    }

    @Test func measurementRoundTrips() {
        var m = PipelineMeasurement()
        m.read = 0.25
        m.simulate = 0.125
        m.report = 0.5
        m.summary = 0.03
        m.runs = 3
        m.bars = 3_000_000
        m.signals = 50_000
        m.executed = 40_000
        m.fills = 80_000
        m.rows = 400_000
        m.peakAfterReadKilobytes = 100_000
        m.peakAfterSimulateKilobytes = 300_000
        m.peakRSSKilobytes = 320_000
        m.digests = ["aa", "bb", "cc"]
        #expect(PipelineMeasurement(encoded: "noise\n" + m.encoded + "\n") == m)
        // The process's own peak: the parent's `ru_maxrss` of the child would count its own memory.
        #expect(m.encoded.contains(" peak=320000 "))
        #expect(PipelineMeasurement(encoded: "hedgesim-bench read=x") == nil)
        #expect(PipelineMeasurement(encoded: "") == nil)
    }
}
