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
