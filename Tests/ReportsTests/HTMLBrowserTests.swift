import Foundation
import TestSupport
import Testing

@testable import Reports

/// The Chromium the render script would use, if any.
enum HeadlessBrowser {
    static let path = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(which).first
}

/// The HTML report in a real browser: scripts/render-report.sh renders it with headless Chromium
/// (screenshot and DOM dump) and checks the sections, charts and tables are in the DOM and that
/// nothing failed to load. Runs when Chromium is installed (CI installs it); skipped otherwise.
@Suite(.enabled(if: HeadlessBrowser.path != nil, "Chromium is not installed"))
struct HTMLBrowserTests {
    static let script = Fixtures.path("scripts/render-report.sh")

    @Test func quickstartReportRendersInChromium() throws {
        let fixture = try QuickstartReport.fixture()
        let html = fixture.folder + "/browser/report.html"
        try HTMLReport.write(dbPath: fixture.database, to: html)
        let out = fixture.folder + "/browser/out"
        let result = try runProcess("/bin/bash", [Self.script, html, out])
        #expect(result.status == 0, "render-report.sh: \(result.err)")
        let dom = try #require(FileManager.default.contents(atPath: out + "/dom.html"))
        let text = String(decoding: dom, as: UTF8.self)
        // The browser parsed the inline SVG: every chart is an <svg> element with drawn content.
        #expect(text.components(separatedBy: "<svg ").count - 1 >= 11)
        #expect(text.contains("class=\"series\""))
        #expect(text.contains("class=\"bar\""))
        #expect(text.contains("class=\"marker entry\""))
        let png = try #require(FileManager.default.contents(atPath: out + "/report.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func sweepPageRendersInChromium() throws {
        let folder = TemporaryFolder()
        let database = try SweepReportFixture.write(folder)
        let html = folder.file("sweep.html")
        try SweepHTMLReport.write(dbPath: database, to: html)
        let out = folder.file("out")
        let result = try runProcess(
            "/bin/bash",
            [
                Self.script, html, out, "sweep", "ranking", "heatmap", "delta", "windows", "marginal", "table-sweep",
                "table-sweep-grid", "table-sweep-ranking", "heat-x-0", "heat-y-1", "heat-m-delta", "heat-o-fixed",
                "heat-v-2-0", "table-heatmap-x0-y1-delta-fixed-v2-0", "chart-sweep-delta", "chart-sweep-windows",
                "table-sweep-windows", "chart-marginal-baseline", "chart-marginal-top", "table-marginal",
            ])
        #expect(result.status == 0, "render-report.sh: \(result.err)")
        let dom = try #require(FileManager.default.contents(atPath: out + "/dom.html"))
        let text = String(decoding: dom, as: UTF8.self)
        // The browser kept the escaped strategy ids as text, the radio buttons and every map.
        #expect(!text.contains("<script>alert(1)</script>"))
        #expect(text.contains("mom&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(text.components(separatedBy: "<circle ").count - 1 == 8)
        #expect(text.components(separatedBy: "type=\"radio\"").count - 1 == 3 + 3 + 3 + 3 + 6)
        #expect(text.components(separatedBy: "<div class=\"hm ").count - 1 == 72)
        #expect(text.contains("class=\"bar\""))
    }

    @Test func compareIntervalRendersInChromium() throws {
        let folder = TemporaryFolder()
        let database = folder.file("compare.sqlite")
        try FileManager.default.copyItem(atPath: QuickstartReport.fixture().database, toPath: database)
        try CompareVsFirst.write(
            [
                CompareVsFirst.Row(
                    runID: 2, baselineRunID: 1, days: 28, deltaNet: 12.5, ciLow: -3.25, ciHigh: 28.75, pValue: 0.123,
                    daysWon: 9, resamples: 2000, blockDays: 1, seed: 1)
            ], at: database)
        let html = folder.file("compare.html")
        try HTMLReport.write(dbPath: database, to: html)
        let result = try runProcess(
            "/bin/bash",
            [
                Self.script, html, folder.file("out"), "modes", "table-compare-vs-first",
                "chart-compare-vs-first", "table-mode-comparison",
            ])
        #expect(result.status == 0, "render-report.sh: \(result.err)")
    }

    @Test func theCheckFailsOnAnExternalRequest() throws {
        let folder = TemporaryFolder()
        let html = folder.file("bad.html")
        let page = try QuickstartReport.page.get()
            .replacingOccurrences(of: "</footer>", with: "<img src=\"https://example.com/x.png\"></footer>")
        try page.write(toFile: html, atomically: true, encoding: .utf8)
        let result = try runProcess("/bin/bash", [Self.script, html, folder.file("out")])
        #expect(result.status == 1)
        #expect(result.err.contains("external resource"))
        #expect(result.err.contains("Content Security Policy"))
    }

    @Test func theCheckFailsOnAMissingChart() throws {
        let folder = TemporaryFolder()
        let html = folder.file("partial.html")
        let page = try QuickstartReport.page.get().replacingOccurrences(of: "id=\"chart-equity\"", with: "id=\"other\"")
        try page.write(toFile: html, atomically: true, encoding: .utf8)
        let result = try runProcess("/bin/bash", [Self.script, html, folder.file("out")])
        #expect(result.status == 1)
        #expect(result.err.contains("no element with id chart-equity"))
    }
}
