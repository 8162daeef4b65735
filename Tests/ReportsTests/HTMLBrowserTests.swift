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
