import Foundation
import Reports
import Testing

@testable import Bench

@Suite struct ReportBenchmarkTests {
    @Test func measuresSyntheticFills() throws {
        let folder =
            FileManager.default.temporaryDirectory.path + "/hedgesim-bench-report-"
            + ProcessInfo.processInfo.globallyUniqueString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try ReportBenchmark.measure(rows: 2_000, repetitions: 3, directory: folder)
        #expect(result.rows == 2_002)
        #expect(result.seconds.count == 3)
        #expect(result.rowsPerSecond > 0)
        let db = try ReportDatabase(path: folder + "/bench.sqlite")
        let fills = try db.query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT trade_id) AS trades, SUM(ambiguous) AS a FROM fills")
        #expect(fills.rows == [[.integer(2_000), .integer(2_000), .integer(21)]])
        #expect(try db.query("PRAGMA integrity_check").rows == [[.text("ok")]])
    }

    @Test func medianOfTimings() {
        #expect(ReportBenchmark.Result(rows: 10, seconds: [3, 1, 2]).medianSeconds == 2)
        #expect(ReportBenchmark.Result(rows: 10, seconds: [4, 1, 2, 3]).medianSeconds == 2.5)
        #expect(ReportBenchmark.Result(rows: 10, seconds: [4, 1, 2, 3]).rowsPerSecond == 4)
    }

    @Test func printout() {
        #expect(
            ReportBenchmark.Result(rows: 10, seconds: [4, 1, 2]).lines == [
                "write 1: 4.000 s", "write 2: 1.000 s", "write 3: 2.000 s", "rows 10, median 2.000 s, 5 rows/s",
            ])
    }
}
