import Feeds
import Pipeline
import TestSupport
import Testing

@Suite struct DataFileReportTests {
    static let klines = Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst")

    @Test func describesKlinesAndRules() throws {
        let text = try DataFileReport.describe(Self.klines, funding: FundingReadOptions())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == Self.klines)
        #expect(lines.contains("  rows         40320"))
        #expect(lines.contains("  gaps         none"))
        let rules = try DataFileReport.describe(
            Fixtures.path("data/rules/exchange-info.json"), funding: FundingReadOptions())
        #expect(rules.hasPrefix(Fixtures.path("data/rules/exchange-info.json") + "\n  rules        exchangeInfo, "))
    }

    @Test func verifiesAndNamesProblems() {
        let good = DataFileReport.verify(Self.klines, funding: FundingReadOptions(), allowGaps: true, limit: 10)
        #expect(good.summary == "klines, AVAXUSDT 1m, 40320 rows, no gaps")
        #expect(good.problems.isEmpty)
        let missing = DataFileReport.verify(
            Fixtures.path("data/klines/NOPE-1m.csv"), funding: FundingReadOptions(), allowGaps: true, limit: 10)
        #expect(missing.summary == "")
        #expect(missing.problems.errors.map(\.kind) == [.missingFile])
    }
}
