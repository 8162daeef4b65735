import Foundation
import Market
import TestSupport
import Testing

@testable import Feeds

/// `KlineReader.stream` hands over in chunks exactly the bars `read` keeps, with the same report
/// and the same first error.
@Suite struct KlineStreamReadTests {
    static let files = [
        "data/klines/AVAXUSDT-1m-2026-02.csv.zst", "data/klines/XRPUSDT-5m-2021-11.csv.zst",
        "data/klines/spot/BNBUSDT-1m-2024-01.csv.zst",
    ]

    @Test(arguments: files, [1, 333, 4096, 1 << 16])
    func chunksAreTheSeries(_ file: String, _ chunkRows: Int) throws {
        let path = Fixtures.path(file)
        let whole = try KlineReader.read(path)
        var joined = KlineSeries(symbol: whole.series.symbol, interval: whole.series.interval)
        var chunks = 0
        let report = try KlineReader.stream(path, prefetch: chunkRows == 333, chunkRows: chunkRows) { chunk in
            chunks += 1
            #expect(chunk.count <= chunkRows + 512)
            for i in 0..<chunk.count {
                joined.append(
                    openTime: chunk.openTimes[i], open: chunk.opens[i], high: chunk.highs[i], low: chunk.lows[i],
                    close: chunk.closes[i], volume: chunk.volumes[i])
            }
            return true
        }
        #expect(joined == whole.series)
        #expect(report == whole.report)
        #expect(chunks >= whole.series.count / (chunkRows + 512))
    }

    @Test func stopsWhenAsked() throws {
        var seen = 0
        let report = try KlineReader.stream(
            Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst"), chunkRows: 1000
        ) { chunk in
            seen += chunk.count
            return false
        }
        #expect(seen >= 1000 && seen < 2000)
        #expect(report.rows == seen)
    }

    @Test func sameFirstError() throws {
        let text =
            "1704067200000,1,2,0.5,1.5,10,1704067259999,0,0,0,0,0\n"
            + "1704067260000,1,2,0.5,x,10,1704067319999,0,0,0,0,0\n"
        let read = #expect(throws: FeedError.self) {
            try KlineReader.read(LineReader(source: MemorySource(text), path: "X-1m.csv"))
        }
        let streamed = #expect(throws: FeedError.self) {
            try KlineReader.stream(LineReader(source: MemorySource(text), path: "X-1m.csv"), chunkRows: 1) { _ in true }
        }
        #expect(read?.description == streamed?.description)
        #expect(streamed?.line == 2)
    }
}
