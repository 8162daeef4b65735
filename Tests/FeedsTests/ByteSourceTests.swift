import Feeds
import Foundation
import TestSupport
import Testing

@Suite struct ByteSourceTests {
    func content(_ path: String) throws -> [UInt8] {
        let source = try ByteSources.open(path)
        var result: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 97, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            result.append(contentsOf: buffer[0..<n])
        }
        return result
    }

    @Test func zstdAndZipDecodeToThePlainBytes() throws {
        let plain = try content(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv"))
        #expect(plain.count == 729)
        #expect(try content(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv.zst")) == plain)
        #expect(try content(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.zip")) == plain)
        #expect(try content(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-stored.zip")) == plain)
    }

    @Test func sizeHints() throws {
        #expect(try ByteSources.open(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv.zst")).sizeHint == 729)
        let zip = try ByteSources.open(Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.zip"))
        #expect(zip.sizeHint == 729)
        #expect((zip as? ZipByteSource)?.entryName == "AVAXUSDT-1m-2026-02-head.csv")
    }

    @Test func missingFileIsItsOwnKind() throws {
        let path = Fixtures.feeds("klines/no-such-file.csv")
        let error = #expect(throws: FeedError.self) { try ByteSources.open(path) }
        #expect(error?.kind == .missingFile)
        #expect(error?.description == "\(path):0: no such file (\(path))")
    }

    @Test func directoryIsUnreadable() throws {
        let error = #expect(throws: FeedError.self) { try ByteSources.open(Fixtures.feeds("klines")) }
        #expect(error?.kind == .unreadable)
    }

    @Test func zstdCutShort() throws {
        let path = Fixtures.feeds("bad/AVAXUSDT-1m-cut.csv.zst")
        let error = #expect(throws: FeedError.self) { try content(path) }
        #expect(error?.message == "zstd stream cut short")
        #expect(error?.value == "after 66116 bytes")
    }

    @Test func damagedZip() throws {
        let error = #expect(throws: FeedError.self) { try content(Fixtures.feeds("bad/AVAXUSDT-1m-damaged.zip")) }
        #expect(error?.message == "zip: corrupt deflate data")
    }

    @Test func notAZip() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("hedgesim-feeds-not.zip").path
        try Data("open_time\n".utf8).write(to: URL(fileURLWithPath: temporary))
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let error = #expect(throws: FeedError.self) { try ByteSources.open(temporary) }
        #expect(error?.description == "\(temporary):0: not a zip archive (10 bytes)")
    }
}
