import Feeds
import Foundation
import TestSupport
import Testing

@Suite struct LineReaderTests {
    @Test(arguments: [1, 2, 3, 7, 64, 1 << 16])
    func splitsLinesAcrossChunks(chunk: Int) throws {
        let reader = LineReader(source: MemorySource("a,b\nccc\r\n\nlast", chunk: chunk), path: "mem", bufferSize: 4)
        let lines = try readAll(reader)
        #expect(lines.map(\.0) == [1, 2, 3, 4])
        #expect(lines.map(\.1) == ["a,b", "ccc", "", "last"])
        #expect(lines.map(\.2) == [true, true, true, false])
        #expect(reader.lineNumber == 4)
    }

    @Test func finalNewlineMakesNoEmptyLine() throws {
        let lines = try readAll(LineReader(source: MemorySource("x\ny\n"), path: "mem"))
        #expect(lines.map(\.1) == ["x", "y"])
        #expect(lines.allSatisfy { $0.2 })
    }

    @Test func crlfWithoutFinalNewline() throws {
        let lines = try readAll(LineReader(source: MemorySource("x\r\ny\r"), path: "mem"))
        #expect(lines.map(\.1) == ["x", "y"])
        #expect(lines.map(\.2) == [true, false])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try readAll(LineReader(source: MemorySource(""), path: "mem")).isEmpty)
    }

    @Test func skipsByteOrderMark() throws {
        let lines = try readAll(LineReader(source: MemorySource("\u{FEFF}head\nrow"), path: "mem"))
        #expect(lines.map(\.1) == ["head", "row"])
    }

    @Test func growsForLinesLongerThanTheBuffer() throws {
        let long = String(repeating: "9", count: 5000)
        let lines = try readAll(
            LineReader(source: MemorySource("a\n\(long)\nb", chunk: 100), path: "mem", bufferSize: 64))
        #expect(lines.map(\.1) == ["a", long, "b"])
    }

    @Test func locatesSourceErrorsAtTheLineBeingRead() throws {
        let reader = try LineReader(path: Fixtures.feeds("bad/AVAXUSDT-1m-cut.csv.zst"))
        var last = 0
        let error = #expect(throws: FeedError.self) {
            while let line = try reader.next() { last = line.number }
        }
        #expect(error?.line == last + 1)
        #expect(error?.message == "zstd stream cut short")
    }

    @Test func readsAllThreeEncodingsAlike() throws {
        let plain = try readAll(LineReader(path: Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-head.csv")))
        for name in ["head.csv.zst", "head.zip", "stored.zip"] {
            let other = try readAll(LineReader(path: Fixtures.feeds("klines/AVAXUSDT-1m-2026-02-" + name)))
            #expect(other.map(\.1) == plain.map(\.1), "\(name)")
        }
        #expect(plain.count == 7)
    }

    /// An endless source of one byte, like `/dev/zero` or a decompression bomb.
    final class EndlessSource: ByteSource {
        let byte: UInt8
        init(_ byte: UInt8) { self.byte = byte }
        var sizeHint: Int? { nil }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
            for i in buffer.indices { buffer[i] = byte }
            return buffer.count
        }
    }

    @Test(arguments: [0x00, 0x61] as [UInt8])
    func endlessLineStopsAtTheLengthLimit(byte: UInt8) throws {
        let reader = LineReader(source: EndlessSource(byte), path: "bomb.csv")
        let error = #expect(throws: FeedError.self) { while try reader.next() != nil {} }
        #expect(error?.description.hasPrefix("bomb.csv:1: line longer than 1048576 bytes (") == true)
        #expect(error?.kind == .badData)
    }

    @Test func aLongLineWithItsNewlineIsRejectedAtItsNumber() throws {
        let long = String(repeating: "7", count: LineReader.maximumLineLength + 1)
        let reader = LineReader(source: MemorySource("a\n\(long)\nb\n"), path: "x.csv")
        let error = #expect(throws: FeedError.self) { while try reader.next() != nil {} }
        #expect(error?.description == "x.csv:2: line longer than 1048576 bytes (\(String(repeating: "7", count: 80))…)")
    }

    @Test func aLineOfExactlyTheLimitIsRead() throws {
        let long = String(repeating: "7", count: LineReader.maximumLineLength)
        let lines = try readAll(LineReader(source: MemorySource("\(long)\n\(long)"), path: "x.csv"))
        #expect(lines.map(\.1.count) == [LineReader.maximumLineLength, LineReader.maximumLineLength])
    }

    @Test func aZstdBombFailsAtLineOne() throws {
        let bomb = ZstdCompressor.compress([UInt8](repeating: 0x31, count: 64 << 20), level: 3)
        #expect(bomb.count < 10_000)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hedgesim-feeds-bomb-1m.csv.zst").path
        try Data(bomb).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FeedError.self) { try KlineReader.read(path) }
        #expect(
            error?.description == "\(path):1: line longer than 1048576 bytes (\(String(repeating: "1", count: 80))…)")
    }
}
