import Foundation
import Market
import Results
import Testing

@testable import Reports

/// Rows streamed into a `ReportSession` while a run simulates (`ReportSession.stream`), then the
/// run appended: the same tables, row for row, as the run appended alone.
@Suite struct StreamedReportTests {
    let folder = TemporaryFolder()

    /// Every table's rows in rowid order and the schema, as text (`run_timings`, wall times, left
    /// out): what `sqlite3 FILE .dump` shows.
    static func content(_ path: String) throws -> [String] {
        let db = try ReportDatabase(path: path)
        var lines = try db.query("SELECT type, name, sql FROM sqlite_master ORDER BY name").rows.map {
            "\($0)"
        }
        for table in ReportSchema.tables where table.name != "run_timings" {
            lines += try db.query("SELECT * FROM \(table.name) ORDER BY rowid").rows.map { "\(table.name) \($0)" }
        }
        return lines
    }

    /// The chunks a simulation would stream of `run`: its decisions and equity in chunks of
    /// `size`, interleaved, the last partial chunk of each kept back.
    static func chunks(of run: RunResult, size: Int) -> [RunRowStream.Chunk] {
        var chunks: [RunRowStream.Chunk] = []
        var d = 0
        var e = 0
        while d + size <= run.decisions.count || e + size <= run.equity.count {
            if d + size <= run.decisions.count {
                chunks.append(.decisions(Array(run.decisions[d..<d + size])))
                d += size
            }
            if e + size <= run.equity.count {
                chunks.append(.equity(Array(run.equity[e..<e + size])))
                e += size
            }
        }
        return chunks
    }

    @Test(arguments: [1, 2, 3])
    func streamedRowsGiveTheSameTablesAsAppendAlone(_ size: Int) throws {
        let runs = [SampleRuns.accumulate(folder), SampleRuns.strongestWins(folder)]
        try ReportWriter.write(runs, to: folder.file("a.sqlite"))
        let session = try ReportSession(path: folder.file("b.sqlite"))
        var streamed = 0
        for run in runs {
            for chunk in Self.chunks(of: run, size: size) {
                try session.stream(chunk)
                streamed += chunk.count
            }
            try session.append(run)
        }
        try session.finish()
        #expect(streamed > 0)
        let expected = try Self.content(folder.file("a.sqlite"))
        #expect(
            expected.contains { $0.hasPrefix("equity ") } && expected.contains { $0.hasPrefix("signal_decisions ") })
        #expect(try Self.content(folder.file("b.sqlite")) == expected)
    }

    /// A run streamed but never appended (its simulation failed) cannot be finished: the session
    /// is abandoned, leaving the previous report and no temporary file.
    @Test func aStreamedRunNeverAppendedLeavesThePreviousReport() throws {
        let path = folder.file("r.sqlite")
        let run = SampleRuns.accumulate(folder)
        try ReportWriter.write([run], to: path)
        let before = try #require(FileManager.default.contents(atPath: path))
        let session = try ReportSession(path: path)
        try session.stream(.equity(Array(run.equity.prefix(2))))
        do {
            try session.finish()
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .io)
            #expect(error.message == path + ": run 1 was streamed but never appended")
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
    }

    /// More rows streamed than the run ends with is refused (and abandons the session).
    @Test func moreRowsStreamedThanTheRunHasFails() throws {
        let path = folder.file("r.sqlite")
        var run = SampleRuns.accumulate(folder)
        let session = try ReportSession(path: path)
        try session.stream(.equity(run.equity))
        run.equity.removeLast()
        do {
            try session.append(run)
            Issue.record("expected a failure")
        } catch {
            #expect(error.kind == .io)
            #expect(error.message == "run 1: more rows streamed than the run has")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(folder.names.filter { $0.hasPrefix(".") }.isEmpty)
    }
}
