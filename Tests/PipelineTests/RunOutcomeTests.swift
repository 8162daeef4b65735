import Pipeline
import Testing

@Suite struct RunOutcomeTests {
    static func outcome(simulate: Double, html: (String, Int)? = nil) -> RunOutcome {
        var timings = PipelineTimings()
        timings.read = 0.5
        timings.simulate = simulate
        timings.write = 1.234
        let run = StoredRun(id: 1, label: "a", resultDigest: "d", bars: 2_000_000, signals: 0, executed: 0, fills: 0)
        return RunOutcome(
            scenario: "s", reportPath: "r.sqlite", runs: [run, run], barCount: 2_000_000, timings: timings,
            csvFiles: [],
            html: html.map { (path: $0.0, bytes: $0.1) }, summary: "")
    }

    @Test func footerGivesTheTimesAndTheSpeed() {
        #expect(
            Self.outcome(simulate: 2).footer
                == "report r.sqlite  ·  read 0.50s  simulate 2.00s  write 1.23s  ·  2,000,000 bars/s")
        #expect(
            Self.outcome(simulate: 0, html: ("p.html", 300_000)).footer
                == "report r.sqlite  ·  read 0.50s  simulate 0.00s  write 1.23s  ·  0 bars/s  ·  html p.html (292 KB)")
    }

    @Test func groupedDigits() {
        #expect(TextFormat.grouped(0) == "0")
        #expect(TextFormat.grouped(999) == "999")
        #expect(TextFormat.grouped(1000) == "1,000")
        #expect(TextFormat.grouped(1_234_567) == "1,234,567")
        #expect(TextFormat.seconds(Duration.milliseconds(1500)) == 1.5)
    }
}
