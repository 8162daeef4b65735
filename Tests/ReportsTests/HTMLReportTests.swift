import Backtest
import Foundation
import Market
import Results
import TestSupport
import Testing

@testable import Reports

/// The real quickstart (scenarios/quickstart.yaml, February 2026, four strategies) simulated once
/// per test process under two modes and written as one report, shared by the HTML tests.
enum QuickstartReport {
    struct Fixture: Sendable {
        var folder: String
        var database: String
        var runs: [RunResult]
    }

    static let shared: Result<Fixture, any Error> = Result {
        let folder = TemporaryFolder()
        let scenario = try ScenarioLoader.load(path: Fixtures.path("scenarios/quickstart.yaml"))
        let data = try ScenarioData.load(scenario)
        var runs: [RunResult] = []
        for mode in ["accumulate", "reject_duplicates"] {
            let variant = try ScenarioLoader.load(
                path: Fixtures.path("scenarios/quickstart.yaml"), overrides: ["engine.same_direction=\(mode)"])
            runs.append(try Simulation.run(variant, data: data, label: mode))
        }
        let database = folder.file("quickstart.sqlite")
        try ReportWriter.write(runs, to: database)
        return Fixture(folder: folder.path, database: database, runs: runs)
    }

    static func fixture() throws -> Fixture { try shared.get() }

    /// The page with default options (rendered once).
    static let page: Result<String, any Error> = Result {
        try HTMLReport.render(dbPath: try fixture().database)
    }
}

/// The HTML report of the real quickstart: sections, charts, tables, options, determinism and
/// the `price_bars` table behind the price chart.
@Suite struct HTMLReportTests {
    static let sections = [
        "runs", "equity", "strategy-pnl", "hit-rates", "modes", "costs", "ambiguous", "collaboration", "price",
    ]

    @Test func everySectionChartAndTableIsThere() throws {
        let page = try QuickstartReport.page.get()
        for id in Self.sections {
            #expect(page.contains("<section id=\"\(id)\">"), "section \(id)")
            #expect(page.contains("<a href=\"#\(id)\">"), "nav link \(id)")
        }
        var ids = [
            "table-runs", "chart-equity", "chart-drawdown", "chart-win-rate", "chart-tp-rate", "chart-sl-rate",
            "table-hit-rates", "table-mode-comparison", "table-strategy-by-mode", "chart-net-by-mode", "table-costs",
            "chart-fees", "table-ambiguous",
        ]
        for run in 1...2 {
            ids += [
                "chart-strategy-pnl-run-\(run)", "table-co-entries-run-\(run)", "table-shared-positions-run-\(run)",
                "chart-price-run-\(run)",
            ]
        }
        for id in ids {
            #expect(page.contains("id=\"\(id)\""), "element \(id)")
        }
        // Both runs in the equity legend, every strategy in the PnL charts.
        #expect(page.contains(">1 · accumulate</text>"))
        #expect(page.contains(">2 · reject_duplicates</text>"))
        for strategy in ["mean_reversion_v1", "momentum_v1", "rsi_extreme_reversal", "volume_surge_breakout"] {
            #expect(page.contains(">\(strategy)</text>"), "\(strategy)")
        }
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
    }

    @Test func pageIsSelfContainedAndScriptFree() throws {
        let page = try QuickstartReport.page.get()
        #expect(!page.contains("http://"))
        #expect(!page.contains("https://"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("@import"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(page.contains("@media print"))
        #expect(page.contains("break-inside: avoid"))
    }

    @Test func sameDatabaseGivesTheSameBytes() throws {
        let fixture = try QuickstartReport.fixture()
        let page = try QuickstartReport.page.get()
        #expect(try HTMLReport.render(dbPath: fixture.database) == page)
        // A second report file written from the same runs renders identically.
        let copy = fixture.folder + "/again.sqlite"
        try ReportWriter.write(fixture.runs, to: copy)
        #expect(try HTMLReport.render(dbPath: copy) == page)
    }

    @Test func numbersAreRightAlignedAndMoneyHasTwoDecimals() throws {
        let page = try QuickstartReport.page.get()
        let table = try #require(Self.element(page, id: "table-strategy-by-mode"))
        #expect(table.contains("<th class=\"num\" scope=\"col\">net</th>"))
        #expect(table.contains("<td class=\"num neg\">-180.35</td>"))
        let modes = try #require(Self.element(page, id: "table-mode-comparison"))
        #expect(modes.contains(">fees</th><td class=\"num\">525.62</td>"))
    }

    @Test func priceBarsAreWrittenExactly() throws {
        let fixture = try QuickstartReport.fixture()
        let db = try ReportDatabase(path: fixture.database)
        let bars = fixture.runs[0].priceBars
        #expect(bars.count == 4 * 672)
        let rows = try db.query(
            "SELECT symbol, time, open_e8, high_e8, low_e8, close_e8, close FROM price_bars WHERE run_id = 1 "
                + "ORDER BY symbol, time")
        #expect(rows.rows.count == bars.count)
        for (row, bar) in zip(rows.rows, bars) {
            #expect(row[0].string == bar.symbol.name)
            #expect(row[1].string == bar.time.iso8601)
            #expect(row[2...5].map(\.int) == [bar.open.raw, bar.high.raw, bar.low.raw, bar.close.raw])
            #expect(row[6].double == Double(bar.close.raw) / 1e8)
        }
        #expect(try db.query("SELECT COUNT(*) FROM price_bars WHERE run_id = 2").rows[0][0] == .integer(4 * 672))
    }

    @Test func symbolAndWindowSelectThePriceChart() throws {
        let fixture = try QuickstartReport.fixture()
        let options = HTMLReportOptions(
            runIDs: [2], symbol: "LINKUSDT", from: HTMLReportOptions.parseTime("2026-02-05", endOfDay: false),
            to: HTMLReportOptions.parseTime("2026-02-06", endOfDay: true))
        let page = try HTMLReport.render(dbPath: fixture.database, options: options)
        let figure = try #require(Self.element(page, id: "figure-chart-price-run-2", tag: "figure"))
        #expect(figure.contains("LINKUSDT, 2026-02-05 00:00 to 2026-02-07 00:00 UTC, 48 bars as candles"))
        #expect(figure.contains("class=\"candle up\""))
        #expect(!page.contains("chart-price-run-1"))
        #expect(page.contains(">2 · reject_duplicates</text>") && !page.contains(">1 · accumulate</text>"))
        // Every marker inside the window.
        for title in figure.components(separatedBy: "<title>").dropFirst() {
            guard let range = title.range(of: #"2026-\d\d-\d\d \d\d:\d\d"#, options: .regularExpression),
                title.hasPrefix("sp-")
            else { continue }
            let time = String(title[range])
            #expect(time >= "2026-02-05 00:00" && time < "2026-02-07 00:00", "\(title)")
        }
        #expect(figure.contains("<title>sp-"))
    }

    @Test func defaultSymbolIsTheMostTraded() throws {
        let fixture = try QuickstartReport.fixture()
        let db = try ReportDatabase(path: fixture.database)
        let top = try db.query(
            "SELECT symbol FROM strategy_positions GROUP BY symbol ORDER BY COUNT(*) DESC, symbol LIMIT 1")
        let symbol = try #require(top.rows.first?[0].string)
        let page = try QuickstartReport.page.get()
        #expect(page.contains("<p>Symbol \(symbol) (choose with --symbol"))
        #expect(page.contains("as high–low band and close line"))
    }

    @Test func badOptionsAreUsageErrors() throws {
        let fixture = try QuickstartReport.fixture()
        #expect(throws: ReportError.self) {
            try HTMLReport.render(dbPath: fixture.database, options: HTMLReportOptions(symbol: "BTCUSDT"))
        }
        do {
            _ = try HTMLReport.render(dbPath: fixture.database, options: HTMLReportOptions(symbol: "BTCUSDT"))
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.contains("symbols: AVAXUSDT, DOTUSDT, LINKUSDT, LTCUSDT"))
        }
        do {
            _ = try HTMLReport.render(
                dbPath: fixture.database,
                options: HTMLReportOptions(
                    from: Timestamp(year: 2026, month: 2, day: 3), to: Timestamp(year: 2026, month: 2, day: 2)))
            Issue.record("from after to was accepted")
        } catch {
            #expect(error.kind == .usage)
        }
        do {
            _ = try HTMLReport.render(dbPath: fixture.database, options: HTMLReportOptions(runIDs: [7]))
            Issue.record("an unknown run was accepted")
        } catch {
            #expect(error.kind == .unknownRun)
        }
    }

    @Test func timeOptionsParse() {
        #expect(HTMLReportOptions.parseTime("2026-02-03", endOfDay: false) == Timestamp(year: 2026, month: 2, day: 3))
        #expect(
            HTMLReportOptions.parseTime("2026-02-03", endOfDay: true)
                == Timestamp(year: 2026, month: 2, day: 3, hour: 23, minute: 59, second: 59, millisecond: 999))
        #expect(
            HTMLReportOptions.parseTime("2026-02-03T12:30", endOfDay: true)
                == Timestamp(year: 2026, month: 2, day: 3, hour: 12, minute: 30))
        #expect(HTMLReportOptions.parseTime("yesterday", endOfDay: false) == nil)
    }

    @Test func aReportWithoutPriceBarsStillRenders() throws {
        let fixture = try QuickstartReport.fixture()
        let old = fixture.folder + "/no-bars.sqlite"
        try ReportWriter.write(fixture.runs, to: old)
        _ = try ReportDatabase(path: old, writable: true).query("DROP TABLE price_bars")
        let page = try HTMLReport.render(dbPath: old)
        #expect(page.contains("This report has no price bars"))
        #expect(page.contains("id=\"chart-equity\""))
    }

    @Test func writeReplacesTheFileAtomically() throws {
        let fixture = try QuickstartReport.fixture()
        let path = fixture.folder + "/html/report.html"
        let bytes = try HTMLReport.write(dbPath: fixture.database, to: path)
        let written = try #require(FileManager.default.contents(atPath: path))
        #expect(written.count == bytes)
        #expect(String(decoding: written, as: UTF8.self) == (try QuickstartReport.page.get()))
        #expect(!FileManager.default.fileExists(atPath: path + ".partial"))
        #expect(throws: ReportError.self) {
            try HTMLReport.write(dbPath: fixture.database, to: "/proc/hedgesim-no/such.html")
        }
    }

    /// The markup of the element with `id` (from its opening tag to the matching close of `tag`).
    static func element(_ page: String, id: String, tag: String = "table") -> String? {
        guard let start = page.range(of: "id=\"\(id)\"") else { return nil }
        guard let end = page.range(of: "</\(tag)>", range: start.upperBound..<page.endIndex) else { return nil }
        return String(page[start.lowerBound..<end.upperBound])
    }
}
