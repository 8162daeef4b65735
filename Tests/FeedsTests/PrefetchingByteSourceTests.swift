import Feeds
import Foundation
import TestSupport
import Testing

@Suite struct PrefetchingByteSourceTests {
    /// Every byte of `source`, read in pieces of `piece` bytes.
    func drain(_ source: any ByteSource, piece: Int = 97) throws -> [UInt8] {
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: piece, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }

    /// The same bytes as the direct source, whatever the chunking (chunks smaller and larger
    /// than the consumer's reads, a content that is an exact multiple of the chunk).
    @Test(arguments: [(4096, 2), (4096, 3), (1 << 20, 4)])
    func sameBytes(chunk: Int, slots: Int) throws {
        let path = Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst")
        let direct = try drain(try ByteSources.open(path))
        let prefetched = PrefetchingByteSource(try ByteSources.open(path), chunkSize: chunk, slots: slots)
        #expect(prefetched.sizeHint == direct.count)
        #expect(try drain(prefetched, piece: 1000) == direct)
        let plain = Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv")
        let exact = PrefetchingByteSource(try ByteSources.open(plain), chunkSize: 4096, slots: 2)
        #expect(try drain(exact) == drain(try ByteSources.open(plain)))
    }

    /// A stream cut short fails after the bytes before the cut, as the direct source does.
    @Test func errorAfterTheBytes() throws {
        let path = Fixtures.feeds("bad/AVAXUSDT-1m-cut.csv.zst")
        let source = PrefetchingByteSource(try ByteSources.open(path), chunkSize: 4096, slots: 2)
        var total = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 500, alignment: 8)
        defer { buffer.deallocate() }
        let error = #expect(throws: FeedError.self) {
            while true {
                let n = try source.read(into: buffer)
                if n == 0 { break }
                total += n
            }
        }
        #expect(error?.message == "zstd stream cut short")
        #expect(total == 66_116)
    }

    /// A reader dropped early stops its producer (the test would hang otherwise).
    @Test func droppedEarly() throws {
        for _ in 0..<20 {
            let source = PrefetchingByteSource(
                try ByteSources.open(Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst")), chunkSize: 4096,
                slots: 2)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 10, alignment: 8)
            defer { buffer.deallocate() }
            #expect(try source.read(into: buffer) == 10)
        }
    }

    /// `readPrefetched` gives `read`'s series, and exactly `read`'s error.
    @Test func klineReaderPrefetched() throws {
        let path = Fixtures.path("data/klines/AVAXUSDT-1m-2026-02.csv.zst")
        #expect(try KlineReader.readPrefetched(path).series == KlineReader.read(path).series)
        let bad = Fixtures.feeds("bad/AVAXUSDT-1m-cut.csv.zst")
        let direct = #expect(throws: FeedError.self) { try KlineReader.read(bad) }
        let prefetched = #expect(throws: FeedError.self) { try KlineReader.readPrefetched(bad) }
        #expect(direct?.description == prefetched?.description)
        #expect(prefetched?.description.hasSuffix("671: zstd stream cut short (after 66116 bytes)") == true)
    }
}
