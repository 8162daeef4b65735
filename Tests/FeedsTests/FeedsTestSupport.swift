import Feeds
import Foundation
import TestSupport

extension Fixtures {
    /// A file under `Tests/FeedsTests/Fixtures/`.
    static func feeds(_ name: String) -> String { path("Tests/FeedsTests/Fixtures/" + name) }
}

/// A byte source over memory that hands out at most `chunk` bytes per read.
final class MemorySource: ByteSource {
    let bytes: [UInt8]
    let chunk: Int
    var position = 0

    init(_ text: String, chunk: Int = 1 << 16) {
        bytes = Array(text.utf8)
        self.chunk = chunk
    }

    init(bytes: [UInt8], chunk: Int = 1 << 16) {
        self.bytes = bytes
        self.chunk = chunk
    }

    var sizeHint: Int? { bytes.count }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        let count = min(buffer.count, chunk, bytes.count - position)
        for i in 0..<count { buffer[i] = bytes[position + i] }
        position += count
        return count
    }
}

/// All lines of a reader as strings, with their numbers and newline flags.
func readAll(_ reader: LineReader) throws -> [(Int, String, Bool)] {
    var result: [(Int, String, Bool)] = []
    while let line = try reader.next() {
        result.append((line.number, String(decoding: line.bytes, as: UTF8.self), line.hasNewline))
    }
    return result
}

/// Writes `text` to a file in the system's temporary folder and returns its path. The file name
/// carries a hash of the text, so parallel tests never share a file.
func temporaryFile(_ name: String, _ text: String) throws -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    let unique = "hedgesim-feeds-\(String(hash, radix: 16))-" + name
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(unique).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
}
