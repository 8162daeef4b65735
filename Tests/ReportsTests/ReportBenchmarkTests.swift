import Testing

@testable import Reports

@Suite struct ReportBenchmarkTests {
    @Test func measuresSyntheticFills() throws {
        let folder = TemporaryFolder()
        let result = try ReportBenchmark.measure(rows: 2_000, repetitions: 3, directory: folder.path)
        #expect(result.rows == 2_002)
        #expect(result.seconds.count == 3)
        #expect(result.rowsPerSecond > 0)
        let db = try ReportDatabase(path: folder.file("bench.sqlite"))
        try expectRows(
            db, "SELECT COUNT(*), COUNT(DISTINCT trade_id), SUM(ambiguous) FROM fills", [[2_000, 2_000, 21]])
        #expect(try db.query("PRAGMA integrity_check").rows == [[.text("ok")]])
    }

    @Test func medianOfTimings() {
        #expect(ReportBenchmark.Result(rows: 10, seconds: [3, 1, 2]).medianSeconds == 2)
        #expect(ReportBenchmark.Result(rows: 10, seconds: [4, 1, 2, 3]).medianSeconds == 2.5)
        #expect(ReportBenchmark.Result(rows: 10, seconds: [4, 1, 2, 3]).rowsPerSecond == 4)
    }
}
