import Feeds
import Foundation

/// The fuzz input as a byte source for a `LineReader`, handed out in small chunks so lines
/// cross buffer refills.
final class FuzzSource: ByteSource {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var sizeHint: Int? { bytes.count }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FeedError) -> Int {
        let count = min(buffer.count, 4096, bytes.count - position)
        if count > 0 {
            buffer.baseAddress!.copyMemory(from: bytes.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Writes the fuzz input to a per-process file ending in `suffix` (for the `.zst` and `.zip`
/// readers, which read files) and returns its path.
func fuzzFile(_ bytes: UnsafeRawBufferPointer, suffix: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(folder)/hedgesim-fuzz-\(getpid())-AVAXUSDT-1m-2026-02\(suffix)"
    let data = bytes.baseAddress.map { Data(bytes: $0, count: bytes.count) } ?? Data()
    _ = FileManager.default.createFile(atPath: path, contents: data)
    return path
}
